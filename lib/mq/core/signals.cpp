#include "mq/core/signals.hpp"

#include <pthread.h>

#include <thread>

namespace mq {

SignalWatcher::SignalWatcher() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  // Detached: it lives until the process exits; it only touches this object, which tools keep for the
  // whole run (a signal after run() returned is ignored because exit follows at once).
  std::thread([this, signals] {
    int signal_number = 0;
    while (sigwait(&signals, &signal_number) == 0) {
      received_.store(signal_number);
      std::function<void(int)> handler;
      {
        std::lock_guard lock(handler_mutex_);
        handler = handler_;
      }
      if (handler) handler(signal_number);
    }
  }).detach();
}

void SignalWatcher::on_signal(std::function<void(int)> handler) {
  std::lock_guard lock(handler_mutex_);
  handler_ = std::move(handler);
}

}  // namespace mq
