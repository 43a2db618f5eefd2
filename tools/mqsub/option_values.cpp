#include "mqsub/option_values.hpp"

#include <fmt/format.h>

#include <array>

namespace mq::mqsub {

tl::expected<int, std::string> parse_retain_handling(std::string_view text) {
  struct Choice {
    std::string_view word;
    std::string_view number;
    int value;
  };
  static constexpr std::array<Choice, 3> choices{{{"always", "0", 0}, {"new", "1", 1}, {"never", "2", 2}}};
  for (const auto& choice : choices)
    if (text == choice.word || text == choice.number) return choice.value;
  return tl::make_unexpected(fmt::format("'{}' is not a retain handling (use always, new or never)", text));
}

tl::expected<Duration, std::string> parse_positive_duration(std::string_view text) {
  auto parsed = parse_duration(text);
  if (!parsed) return parsed;
  if (parsed->count() <= 0) return tl::make_unexpected(fmt::format("'{}' must be more than zero", text));
  return parsed;
}

tl::expected<ReconnectDelay, std::string> parse_reconnect_delay(std::string_view text) {
  const auto comma = text.find(',');
  const std::string_view minimum_text = text.substr(0, comma);
  const std::string_view maximum_text =
      comma == std::string_view::npos ? minimum_text : text.substr(comma + 1);
  auto minimum = parse_duration(minimum_text);
  if (!minimum) return tl::make_unexpected(minimum.error());
  auto maximum = parse_duration(maximum_text);
  if (!maximum) return tl::make_unexpected(maximum.error());
  if (*minimum < std::chrono::seconds(1))
    return tl::make_unexpected(
        fmt::format("'{}' is below 1s (reconnects are timed in whole seconds)", minimum_text));
  if (*maximum < *minimum)
    return tl::make_unexpected(
        fmt::format("the maximum '{}' is below the minimum '{}'", maximum_text, minimum_text));
  return ReconnectDelay{*minimum, *maximum};
}

}  // namespace mq::mqsub
