#include "mqpub/delivery_tracker.hpp"

namespace mq::mqpub {

void DeliveryTracker::set_window(int window) {
  std::lock_guard lock(mutex_);
  window_ = window;
  changed_.notify_all();
}

bool DeliveryTracker::wait_for_slot() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return stopped_ || in_flight_ < window_; });
  return !stopped_;
}

void DeliveryTracker::sent() {
  std::lock_guard lock(mutex_);
  ++in_flight_;
}

void DeliveryTracker::delivered(const paho::Delivery& delivery) {
  {
    std::lock_guard lock(mutex_);
    --in_flight_;
    if (delivery.ok) {
      ++acknowledged_;
    } else {
      ++failed_;
      if (first_failure_.empty()) {
        first_failure_ = delivery.reason;
        first_failure_reason_code_ = delivery.reason_code;
      }
    }
  }
  changed_.notify_all();
}

bool DeliveryTracker::wait_until_drained() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return stopped_ || in_flight_ == 0; });
  return in_flight_ == 0 && failed_ == 0;
}

void DeliveryTracker::stop() {
  {
    std::lock_guard lock(mutex_);
    stopped_ = true;
  }
  changed_.notify_all();
}

long DeliveryTracker::acknowledged() const {
  std::lock_guard lock(mutex_);
  return acknowledged_;
}
long DeliveryTracker::failed() const {
  std::lock_guard lock(mutex_);
  return failed_;
}
long DeliveryTracker::in_flight() const {
  std::lock_guard lock(mutex_);
  return in_flight_;
}
std::string DeliveryTracker::first_failure() const {
  std::lock_guard lock(mutex_);
  return first_failure_;
}
int DeliveryTracker::first_failure_reason_code() const {
  std::lock_guard lock(mutex_);
  return first_failure_reason_code_;
}

}  // namespace mq::mqpub
