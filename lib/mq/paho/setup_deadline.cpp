#include "mq/paho/setup_deadline.hpp"

namespace mq::paho {

SetupDeadline::SetupDeadline(Client& client, std::optional<Clock::time_point> deadline,
                             std::function<void()> on_expiry)
    : client_(client), on_expiry_(std::move(on_expiry)) {
  if (deadline) watcher_ = std::thread([this, at = *deadline] { watch(at); });
}

SetupDeadline::~SetupDeadline() { finish(); }

void SetupDeadline::finish() {
  {
    std::lock_guard lock(mutex_);
    finished_ = true;
  }
  finished_signal_.notify_all();
  if (watcher_.joinable()) watcher_.join();
}

bool SetupDeadline::expired() const {
  std::lock_guard lock(mutex_);
  return expired_;
}

void SetupDeadline::watch(Clock::time_point deadline) {
  {
    std::unique_lock lock(mutex_);
    if (finished_signal_.wait_until(lock, deadline, [this] { return finished_; })) return;
    expired_ = true;
  }
  if (on_expiry_) on_expiry_();
  client_.interrupt_waits();
}

}  // namespace mq::paho
