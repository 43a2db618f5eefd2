#include "mqpub/rate.hpp"

#include <charconv>
#include <fmt/format.h>

namespace mq::mqpub {

tl::expected<double, std::string> parse_rate(std::string_view text) {
  const auto slash = text.find('/');
  const std::string_view number = text.substr(0, slash);
  double per_unit = 0;
  const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), per_unit);
  if (error != std::errc() || end != number.data() + number.size() || !(per_unit > 0))
    return tl::unexpected(fmt::format("'{}' is not a rate (use e.g. 10/s, 600/m or 1/h)", text));
  double seconds_per_unit = 1;
  if (slash != std::string_view::npos) {
    const std::string_view unit = text.substr(slash + 1);
    if (unit == "s") {
      seconds_per_unit = 1;
    } else if (unit == "m") {
      seconds_per_unit = 60;
    } else if (unit == "h") {
      seconds_per_unit = 3600;
    } else {
      return tl::unexpected(fmt::format("'{}' has an unknown unit '/{}' (use /s, /m or /h)", text, unit));
    }
  }
  return per_unit / seconds_per_unit;
}

}  // namespace mq::mqpub
