#pragma once
// Ctrl-C, --max-errors and the end of a run all end waits the same way: set once, wake every waiter.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

namespace mq::mqbench {

class StopFlag {
 public:
  void request(bool interrupted) {
    {
      std::lock_guard lock(mutex_);
      stopped_ = true;
      interrupted_ = interrupted_ || interrupted;
    }
    changed_.notify_all();
  }
  bool stopped() const {
    std::lock_guard lock(mutex_);
    return stopped_;
  }
  bool interrupted() const {
    std::lock_guard lock(mutex_);
    return interrupted_;
  }
  // Sleeps until `deadline` or a stop request; true if stopped.
  template <typename Clock, typename Dur>
  bool sleep_until(std::chrono::time_point<Clock, Dur> deadline) {
    std::unique_lock lock(mutex_);
    return changed_.wait_until(lock, deadline, [&] { return stopped_; });
  }

 private:
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  bool stopped_ = false;
  bool interrupted_ = false;
};

}  // namespace mq::mqbench
