#pragma once
// Durations on the command line: plain numbers are seconds (as in mosquitto, fractions allowed),
// or a number with a unit: ns, us, ms, s, m, h ("500ms", "1.5s", "2m").
#include <chrono>
#include <string>
#include <string_view>
#include <tl/expected.hpp>

namespace mq {

using Duration = std::chrono::nanoseconds;

tl::expected<Duration, std::string> parse_duration(std::string_view text);

// Shortest exact text for a duration ("500ms", "10s", "2m"), used in help and messages.
std::string format_duration(Duration duration);

}  // namespace mq
