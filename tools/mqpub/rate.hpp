#pragma once
// --rate N/s: an open-loop schedule (message i is due at start + i/rate), so a slow moment is caught up
// instead of shifting every later message.
#include <algorithm>
#include <chrono>
#include <string>
#include <string_view>
#include <thread>
#include <tl/expected.hpp>

namespace mq::mqpub {

// "10", "10/s", "600/m", "1/h", "0.5/s" -> messages per second.
tl::expected<double, std::string> parse_rate(std::string_view text);

class RateSchedule {
 public:
  explicit RateSchedule(double per_second) : interval_(1.0 / per_second) {}
  // Sleeps until message `index` (0-based) is due, or until `should_stop` says so (checked every 100 ms).
  template <typename StopPredicate>
  bool wait_for(long index, StopPredicate should_stop) {
    if (index == 0) start_ = std::chrono::steady_clock::now();
    const auto due = start_ + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                  std::chrono::duration<double>(interval_ * static_cast<double>(index)));
    while (std::chrono::steady_clock::now() < due) {
      if (should_stop()) return false;
      const auto step = std::min<std::chrono::steady_clock::duration>(due - std::chrono::steady_clock::now(),
                                                                       std::chrono::milliseconds(100));
      std::this_thread::sleep_for(step);
    }
    return true;
  }

 private:
  double interval_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace mq::mqpub
