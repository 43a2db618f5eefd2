#include "mqbench/schedule.hpp"

#include <cmath>

namespace mq::mqbench {

Schedule schedule_for_rate(double total_per_second, std::uint32_t clients, std::uint32_t index) {
  if (total_per_second <= 0 || clients == 0) return {};
  const double spacing_ns = 1e9 / total_per_second;
  Schedule schedule;
  schedule.interval = Nanoseconds(std::llround(spacing_ns * clients));
  schedule.offset = Nanoseconds(std::llround(spacing_ns * index));
  return schedule;
}

Schedule schedule_for_interval(Nanoseconds interval, std::uint32_t clients, std::uint32_t index) {
  if (interval.count() <= 0 || clients == 0) return {};
  return {interval, interval * index / clients};
}

std::uint64_t quota_for(std::uint64_t total, std::uint32_t clients, std::uint32_t index) {
  if (clients == 0) return 0;
  return total / clients + (index < total % clients ? 1 : 0);
}

}  // namespace mq::mqbench
