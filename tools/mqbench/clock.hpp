#pragma once
// Wall-clock nanoseconds since the Unix epoch: the time base of payload headers, shared by every process
// (workers, shards on other hosts with synchronised clocks) that publishes or receives.
#include <chrono>
#include <cstdint>

namespace mq::mqbench {

inline std::int64_t wall_ns(std::chrono::system_clock::time_point when) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(when.time_since_epoch()).count();
}
inline std::int64_t wall_now_ns() {
  return wall_ns(std::chrono::system_clock::now());
}

}  // namespace mq::mqbench
