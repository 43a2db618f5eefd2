#pragma once
// The open-loop send schedule: when each message is *meant* to leave, fixed before the run starts, so a
// slow broker shows up as latency and schedule lag instead of silently lowering the rate (no coordinated
// omission). Pure arithmetic, unit-tested.
#include <chrono>
#include <cstdint>
#include <optional>

namespace mq::mqbench {

using Nanoseconds = std::chrono::nanoseconds;

struct Schedule {
  Nanoseconds interval{0};  // per client; 0 = unthrottled (as fast as the in-flight window allows)
  Nanoseconds offset{0};    // this client's first send after the run start (spreads clients evenly)

  bool throttled() const { return interval.count() > 0; }
  // Intended time of the client's message `sequence`, relative to the run start.
  Nanoseconds intended(std::uint64_t sequence) const {
    return offset + interval * static_cast<std::int64_t>(sequence);
  }
};

// --rate R total msg/s over `clients` clients, or --interval per client; client `index` is offset by
// index/R so that the total stream is evenly spaced.
Schedule schedule_for_rate(double total_per_second, std::uint32_t clients, std::uint32_t index);
Schedule schedule_for_interval(Nanoseconds interval, std::uint32_t clients, std::uint32_t index);

// --count N split exactly over the clients: the first N % clients send one more.
std::uint64_t quota_for(std::uint64_t total, std::uint32_t clients, std::uint32_t index);

}  // namespace mq::mqbench
