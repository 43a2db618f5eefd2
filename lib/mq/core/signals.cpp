#include "mq/core/signals.hpp"

#include <pthread.h>

#include <thread>

namespace mq {

struct SignalWatcher::Shared {
  std::atomic<int> received{0};
  std::mutex mutex;
  std::function<void(int)> handler;
  unsigned long generation = 0;
};

SignalWatcher::SignalWatcher() : shared_(std::make_shared<Shared>()) {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  // Detached and never joined (sigwait cannot be interrupted portably); it keeps its own reference to the
  // shared state, so it never touches this object after it is destroyed.
  std::thread([shared = shared_, signals] {
    int signal_number = 0;
    while (sigwait(&signals, &signal_number) == 0) {
      shared->received.store(signal_number);
      // Called under the lock: once a Registration is released, its handler is neither running nor called.
      std::lock_guard lock(shared->mutex);
      if (shared->handler) shared->handler(signal_number);
    }
  }).detach();
}

SignalWatcher::Registration SignalWatcher::on_signal(std::function<void(int)> handler) {
  std::lock_guard lock(shared_->mutex);
  shared_->handler = std::move(handler);
  return Registration(shared_, ++shared_->generation);
}

bool SignalWatcher::interrupted() const noexcept { return shared_->received.load() != 0; }
int SignalWatcher::received_signal() const noexcept { return shared_->received.load(); }

SignalWatcher::Registration::Registration(Registration&& other) noexcept
    : shared_(std::move(other.shared_)), generation_(other.generation_) {}

SignalWatcher::Registration& SignalWatcher::Registration::operator=(Registration&& other) noexcept {
  if (this != &other) {
    release();
    shared_ = std::move(other.shared_);
    generation_ = other.generation_;
  }
  return *this;
}

SignalWatcher::Registration::~Registration() { release(); }

void SignalWatcher::Registration::release() noexcept {
  if (shared_ == nullptr) return;
  {
    std::lock_guard lock(shared_->mutex);
    if (shared_->generation == generation_) shared_->handler = nullptr;
  }
  shared_.reset();
}

}  // namespace mq
