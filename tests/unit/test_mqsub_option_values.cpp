#include <doctest/doctest.h>

#include <chrono>

#include "mqsub/option_values.hpp"

using namespace std::chrono_literals;
using mq::Duration;

TEST_CASE("mqsub::parse_retain_handling") {
  CHECK(mq::mqsub::parse_retain_handling("always") == 0);
  CHECK(mq::mqsub::parse_retain_handling("new") == 1);
  CHECK(mq::mqsub::parse_retain_handling("never") == 2);
  CHECK(mq::mqsub::parse_retain_handling("0") == 0);
  CHECK(mq::mqsub::parse_retain_handling("2") == 2);
  const auto bad = mq::mqsub::parse_retain_handling("3");
  REQUIRE_FALSE(bad.has_value());
  CHECK(bad.error() == "'3' is not a retain handling (use always, new or never)");
}

TEST_CASE("mqsub::parse_reconnect_delay") {
  SUBCASE("MIN alone is a fixed delay") {
    const auto delay = mq::mqsub::parse_reconnect_delay("5s");
    REQUIRE(delay.has_value());
    CHECK(delay->minimum == Duration(5s));
    CHECK(delay->maximum == Duration(5s));
  }
  SUBCASE("MIN,MAX backs off") {
    const auto delay = mq::mqsub::parse_reconnect_delay("1,2m");
    REQUIRE(delay.has_value());
    CHECK(delay->minimum == Duration(1s));
    CHECK(delay->maximum == Duration(120s));
  }
  SUBCASE("errors") {
    CHECK(mq::mqsub::parse_reconnect_delay("500ms").error() ==
          "'500ms' is below 1s (reconnects are timed in whole seconds)");
    CHECK(mq::mqsub::parse_reconnect_delay("5,1").error() == "the maximum '1' is below the minimum '5'");
    CHECK(mq::mqsub::parse_reconnect_delay("1,soon").error() ==
          "'soon' is not a duration (use e.g. 10, 500ms, 1.5s, 2m)");
    CHECK(mq::mqsub::parse_reconnect_delay("").error() == "empty duration (use e.g. 10, 500ms, 1.5s, 2m)");
  }
}

TEST_CASE("mqsub::parse_positive_duration") {
  CHECK(mq::mqsub::parse_positive_duration("1.5s") == Duration(1500ms));
  CHECK(mq::mqsub::parse_positive_duration("0").error() == "'0' must be more than zero");
  CHECK(mq::mqsub::parse_positive_duration("-1").error() == "'-1' is negative (durations must be >= 0)");
}
