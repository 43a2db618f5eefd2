#pragma once
// Counts what was sent and what the broker acknowledged, and bounds how many QoS 1/2 messages are in flight.
// Paho's delivery callbacks call delivered(); the publishing thread waits here, never in a callback.
#include <condition_variable>
#include <mutex>
#include <string>

#include "mq/core/duration.hpp"
#include "mq/paho/client.hpp"

namespace mq::mqpub {

class DeliveryTracker {
 public:
  explicit DeliveryTracker(int window) : window_(window) {}

  void set_window(int window);
  // Blocks until fewer than `window` messages are in flight, or stop() was called. Returns false if stopped.
  bool wait_for_slot();
  void sent();
  void delivered(const paho::Delivery& delivery);
  // Blocks until nothing is in flight or stop() was called; returns true if everything was acknowledged.
  bool wait_until_drained();
  void stop();  // wakes every waiter (signal, lost connection)

  long acknowledged() const;
  long failed() const;
  long in_flight() const;
  std::string first_failure() const;
  int first_failure_reason_code() const;

 private:
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  int window_;
  long in_flight_ = 0;
  long acknowledged_ = 0;
  long failed_ = 0;
  bool stopped_ = false;
  std::string first_failure_;
  int first_failure_reason_code_ = 0;
};

}  // namespace mq::mqpub
