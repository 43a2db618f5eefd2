#include <doctest/doctest.h>

#include "mqbench/schedule.hpp"

using namespace mq::mqbench;
using std::chrono::milliseconds;
using std::chrono::nanoseconds;

TEST_CASE("mqbench::schedule: a total rate is spread evenly over the clients") {
  // 1000 msg/s over 4 clients: each sends every 4 ms, client i starts i ms in.
  const Schedule first = schedule_for_rate(1000, 4, 0);
  const Schedule third = schedule_for_rate(1000, 4, 2);
  CHECK(first.interval == milliseconds(4));
  CHECK(first.offset == nanoseconds(0));
  CHECK(third.offset == milliseconds(2));
  CHECK(third.intended(3) == milliseconds(14));
  CHECK(first.throttled());
}

TEST_CASE("mqbench::schedule: --interval per client, 0 is unthrottled") {
  const Schedule second = schedule_for_interval(milliseconds(10), 2, 1);
  CHECK(second.interval == milliseconds(10));
  CHECK(second.offset == milliseconds(5));
  CHECK_FALSE(schedule_for_interval(nanoseconds(0), 3, 1).throttled());
}

TEST_CASE("mqbench::schedule: --count is split exactly") {
  std::uint64_t total = 0;
  for (std::uint32_t i = 0; i < 7; ++i) total += quota_for(100, 7, i);
  CHECK(total == 100);
  CHECK(quota_for(100, 7, 0) == 15);
  CHECK(quota_for(100, 7, 1) == 15);
  CHECK(quota_for(100, 7, 2) == 14);
  CHECK(quota_for(3, 5, 4) == 0);
}
