#pragma once
// A -W that counts from the start, as mosquitto_sub's does: while a tool connects and subscribes, a deadline
// that passes ends the client's blocking wait (connect, SUBACK) instead of letting it run to its own timeout.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

#include "mq/paho/client.hpp"

namespace mq::paho {

class SetupDeadline {
 public:
  using Clock = std::chrono::steady_clock;

  // No deadline: does nothing (no thread). on_expiry runs on the watching thread before the client's waits
  // are interrupted, so the tool has recorded why before its wait throws.
  SetupDeadline(Client& client, std::optional<Clock::time_point> deadline, std::function<void()> on_expiry);
  ~SetupDeadline();
  SetupDeadline(const SetupDeadline&) = delete;
  SetupDeadline& operator=(const SetupDeadline&) = delete;

  // Setup is over (or failed): the deadline no longer applies. Safe to call twice.
  void finish();
  bool expired() const;

 private:
  void watch(Clock::time_point deadline);

  Client& client_;
  std::function<void()> on_expiry_;
  mutable std::mutex mutex_;
  std::condition_variable finished_signal_;
  bool finished_ = false;
  bool expired_ = false;
  std::thread watcher_;
};

}  // namespace mq::paho
