#pragma once
// SIGINT and SIGTERM end a tool cleanly (DISCONNECT sent, exit 130) instead of killing it mid-packet.
// The signals are blocked in the constructing thread, so every thread started later (Paho's included)
// inherits the mask, and one watcher thread receives them with sigwait and calls the handler there.
#include <atomic>
#include <csignal>
#include <functional>
#include <mutex>

namespace mq {

class SignalWatcher {
 public:
  SignalWatcher();  // must run before any other thread is started
  SignalWatcher(const SignalWatcher&) = delete;
  SignalWatcher& operator=(const SignalWatcher&) = delete;

  // The handler runs on the watcher thread; it must only flag and notify.
  void on_signal(std::function<void(int signal_number)> handler);
  bool interrupted() const noexcept { return received_.load() != 0; }
  int received_signal() const noexcept { return received_.load(); }

 private:
  std::atomic<int> received_{0};
  std::mutex handler_mutex_;
  std::function<void(int)> handler_;
};

}  // namespace mq
