#include "mq/core/duration.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <fmt/format.h>

namespace mq {
namespace {

struct Unit {
  std::string_view suffix;
  double nanoseconds;
};

// Longest suffixes first so "ms" is not read as "m" followed by garbage.
constexpr std::array units{
    Unit{"ns", 1.0},          Unit{"us", 1e3},          Unit{"ms", 1e6},   Unit{"s", 1e9},
    Unit{"m", 60e9},          Unit{"h", 3600e9},
};

}  // namespace

tl::expected<Duration, std::string> parse_duration(std::string_view text) {
  if (text.empty()) return tl::unexpected(std::string("empty duration (use e.g. 10, 500ms, 1.5s, 2m)"));
  std::size_t number_end = 0;
  while (number_end < text.size() &&
         (std::isdigit(static_cast<unsigned char>(text[number_end])) || text[number_end] == '.' ||
          (number_end == 0 && (text[0] == '-' || text[0] == '+'))))
    ++number_end;
  const std::string_view number = text.substr(0, number_end);
  const std::string_view suffix = text.substr(number_end);
  double value = 0;
  const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), value);
  if (error != std::errc() || end != number.data() + number.size() || number.empty())
    return tl::unexpected(fmt::format("'{}' is not a duration (use e.g. 10, 500ms, 1.5s, 2m)", text));
  if (value < 0) return tl::unexpected(fmt::format("'{}' is negative (durations must be >= 0)", text));
  double scale = 1e9;
  if (!suffix.empty()) {
    bool known = false;
    for (const auto& unit : units) {
      if (suffix == unit.suffix) {
        scale = unit.nanoseconds;
        known = true;
        break;
      }
    }
    if (!known)
      return tl::unexpected(fmt::format("'{}' has an unknown unit '{}' (units: ns, us, ms, s, m, h)", text, suffix));
  }
  const double nanoseconds = value * scale;
  if (!std::isfinite(nanoseconds) || nanoseconds > 9.2e18)
    return tl::unexpected(fmt::format("'{}' is too long", text));
  return Duration(static_cast<std::int64_t>(std::llround(nanoseconds)));
}

std::string format_duration(Duration duration) {
  const auto ns = duration.count();
  if (ns == 0) return "0s";
  if (ns % 3'600'000'000'000 == 0) return fmt::format("{}h", ns / 3'600'000'000'000);
  if (ns % 60'000'000'000 == 0) return fmt::format("{}m", ns / 60'000'000'000);
  if (ns % 1'000'000'000 == 0) return fmt::format("{}s", ns / 1'000'000'000);
  if (ns % 1'000'000 == 0) return fmt::format("{}ms", ns / 1'000'000);
  if (ns % 1'000 == 0) return fmt::format("{}us", ns / 1'000);
  return fmt::format("{}ns", ns);
}

}  // namespace mq
