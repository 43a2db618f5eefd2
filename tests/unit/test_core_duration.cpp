#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "mq/core/duration.hpp"

using namespace std::chrono_literals;
using mq::Duration;
using mq::format_duration;
using mq::parse_duration;

namespace {

std::string error_of(std::string_view text) {
  const auto parsed = parse_duration(text);
  REQUIRE_FALSE(parsed.has_value());
  return parsed.error();
}

}  // namespace

TEST_CASE("core::parse_duration") {
  SUBCASE("plain numbers are seconds, fractions allowed") {
    CHECK(parse_duration("10") == Duration(10s));
    CHECK(parse_duration("0") == Duration(0s));
    CHECK(parse_duration("0.25") == Duration(250ms));
    CHECK(parse_duration("007") == Duration(7s));
  }
  SUBCASE("each unit") {
    CHECK(parse_duration("15ns") == Duration(15ns));
    CHECK(parse_duration("20us") == Duration(20us));
    CHECK(parse_duration("500ms") == Duration(500ms));
    CHECK(parse_duration("1.5s") == Duration(1500ms));
    CHECK(parse_duration("2m") == Duration(120s));
    CHECK(parse_duration("3h") == Duration(3h));
    CHECK(parse_duration("0.5m") == Duration(30s));
    CHECK(parse_duration("0ms") == Duration(0s));
  }
  SUBCASE("fractions round to the nearest nanosecond") {
    CHECK(parse_duration("1.0000000004s") == Duration(1'000'000'000ns));
    CHECK(parse_duration("1.0000000006s") == Duration(1'000'000'001ns));
  }
  SUBCASE("empty") {
    CHECK(error_of("") == "empty duration (use e.g. 10, 500ms, 1.5s, 2m)");
  }
  SUBCASE("garbage") {
    CHECK(error_of("abc") == "'abc' is not a duration (use e.g. 10, 500ms, 1.5s, 2m)");
    CHECK(error_of("ms") == "'ms' is not a duration (use e.g. 10, 500ms, 1.5s, 2m)");
    CHECK(error_of(".") == "'.' is not a duration (use e.g. 10, 500ms, 1.5s, 2m)");
    CHECK(error_of("1.2.3s") == "'1.2.3s' is not a duration (use e.g. 10, 500ms, 1.5s, 2m)");
    CHECK(error_of("-") == "'-' is not a duration (use e.g. 10, 500ms, 1.5s, 2m)");
    CHECK(error_of(" 5s") == "' 5s' is not a duration (use e.g. 10, 500ms, 1.5s, 2m)");
    CHECK(error_of("5-5") == "'5-5' has an unknown unit '-5' (units: ns, us, ms, s, m, h)");
  }
  SUBCASE("negative") {
    CHECK(error_of("-1") == "'-1' is negative (durations must be >= 0)");
    CHECK(error_of("-500ms") == "'-500ms' is negative (durations must be >= 0)");
  }
  SUBCASE("unknown unit") {
    CHECK(error_of("5d") == "'5d' has an unknown unit 'd' (units: ns, us, ms, s, m, h)");
    CHECK(error_of("5 s") == "'5 s' has an unknown unit ' s' (units: ns, us, ms, s, m, h)");
    CHECK(error_of("5S") == "'5S' has an unknown unit 'S' (units: ns, us, ms, s, m, h)");
    CHECK(error_of("5sec") == "'5sec' has an unknown unit 'sec' (units: ns, us, ms, s, m, h)");
    CHECK(error_of("1e3") == "'1e3' has an unknown unit 'e3' (units: ns, us, ms, s, m, h)");
  }
  SUBCASE("overflow") {
    CHECK(error_of("3000000h") == "'3000000h' is too long");
    CHECK(error_of("99999999999999999999") == "'99999999999999999999' is too long");
    CHECK(parse_duration("2000000h") == Duration(2'000'000h));
  }
}

TEST_CASE("core::format_duration") {
  CHECK(format_duration(0s) == "0s");
  CHECK(format_duration(2h) == "2h");
  CHECK(format_duration(90min) == "90m");
  CHECK(format_duration(120s) == "2m");
  CHECK(format_duration(10s) == "10s");
  CHECK(format_duration(1500ms) == "1500ms");
  CHECK(format_duration(250us) == "250us");
  CHECK(format_duration(7ns) == "7ns");
  CHECK(format_duration(1'000'001ns) == "1000001ns");

  SUBCASE("round trip through parse_duration") {
    for (const Duration duration :
         {Duration(3h), Duration(45min), Duration(59s), Duration(501ms), Duration(1us)})
      CHECK(parse_duration(format_duration(duration)) == duration);
  }
}
