#pragma once
// SIGINT and SIGTERM end a tool cleanly (DISCONNECT sent, exit 130) instead of killing it mid-packet.
// The signals are blocked in the constructing thread, so every thread started later (Paho's included)
// inherits the mask, and one watcher thread receives them with sigwait and calls the handler there.
#include <atomic>
#include <csignal>
#include <functional>
#include <memory>
#include <mutex>

namespace mq {

class SignalWatcher {
  struct Shared;  // what the watcher thread uses: it outlives this object until the process exits

 public:
  // Keeps a handler installed while it lives: an object that installs a handler capturing itself holds the
  // Registration as a member (or local), so a signal after that object is gone reaches nothing.
  class Registration {
   public:
    Registration() = default;
    Registration(Registration&& other) noexcept;
    Registration& operator=(Registration&& other) noexcept;
    ~Registration();

   private:
    friend class SignalWatcher;
    Registration(std::shared_ptr<Shared> shared, unsigned long generation)
        : shared_(std::move(shared)), generation_(generation) {}
    void release() noexcept;
    std::shared_ptr<Shared> shared_;
    unsigned long generation_ = 0;  // which on_signal call this is: a later one's handler is not removed
  };

  SignalWatcher();  // must run before any other thread is started
  SignalWatcher(const SignalWatcher&) = delete;
  SignalWatcher& operator=(const SignalWatcher&) = delete;

  // The handler runs on the watcher thread with the watcher's lock held: it must only flag and notify.
  [[nodiscard]] Registration on_signal(std::function<void(int signal_number)> handler);
  bool interrupted() const noexcept;
  int received_signal() const noexcept;

 private:
  std::shared_ptr<Shared> shared_;
};

}  // namespace mq
