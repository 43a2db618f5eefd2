#include "mq/core/topic.hpp"

#include <cstdint>

namespace mq {
namespace {

constexpr std::size_t max_topic_bytes = 65535;

tl::expected<void, std::string> validate_common(std::string_view text) {
  if (text.empty()) return tl::unexpected(std::string("empty topic (a topic needs at least one character)"));
  if (text.size() > max_topic_bytes)
    return tl::unexpected("too long: " + std::to_string(text.size()) + " bytes (MQTT allows at most 65535)");
  if (text.find('\0') != std::string_view::npos)
    return tl::unexpected(std::string("contains U+0000, which MQTT forbids in topics"));
  if (!is_valid_mqtt_utf8(text)) return tl::unexpected(std::string("not valid UTF-8"));
  return {};
}

}  // namespace

bool is_valid_mqtt_utf8(std::string_view text) {
  std::size_t i = 0;
  const auto byte = [&](std::size_t at) { return static_cast<std::uint8_t>(text[at]); };
  while (i < text.size()) {
    const std::uint8_t lead = byte(i);
    std::size_t length = 0;
    std::uint32_t code_point = 0;
    if (lead < 0x80) {
      if (lead == 0) return false;
      ++i;
      continue;
    } else if ((lead & 0xE0) == 0xC0) {
      length = 2;
      code_point = lead & 0x1Fu;
    } else if ((lead & 0xF0) == 0xE0) {
      length = 3;
      code_point = lead & 0x0Fu;
    } else if ((lead & 0xF8) == 0xF0) {
      length = 4;
      code_point = lead & 0x07u;
    } else {
      return false;
    }
    if (i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      const std::uint8_t continuation = byte(i + k);
      if ((continuation & 0xC0) != 0x80) return false;
      code_point = (code_point << 6) | (continuation & 0x3Fu);
    }
    const bool overlong = (length == 2 && code_point < 0x80) || (length == 3 && code_point < 0x800) ||
                          (length == 4 && code_point < 0x10000);
    if (overlong || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) return false;
    i += length;
  }
  return true;
}

tl::expected<void, std::string> validate_topic_name(std::string_view topic) {
  if (auto common = validate_common(topic); !common) return common;
  if (topic.find_first_of("+#") != std::string_view::npos)
    return tl::unexpected(std::string("wildcards '+' and '#' are not allowed in a topic name (only in filters)"));
  return {};
}

tl::expected<void, std::string> validate_topic_filter(std::string_view filter) {
  if (auto common = validate_common(filter); !common) return common;
  std::size_t level_start = 0;
  while (true) {
    const auto level_end = filter.find('/', level_start);
    const std::string_view level = filter.substr(level_start, level_end == std::string_view::npos
                                                                ? std::string_view::npos
                                                                : level_end - level_start);
    if (level.find('+') != std::string_view::npos && level != "+")
      return tl::unexpected(std::string("'+' must occupy a whole topic level (e.g. a/+/b)"));
    if (level.find('#') != std::string_view::npos) {
      if (level != "#") return tl::unexpected(std::string("'#' must occupy a whole topic level (e.g. a/#)"));
      if (level_end != std::string_view::npos)
        return tl::unexpected(std::string("'#' must be the last level of a filter (e.g. a/#)"));
    }
    if (level_end == std::string_view::npos) break;
    level_start = level_end + 1;
  }
  return {};
}

bool topic_matches(std::string_view filter, std::string_view topic) {
  if (!topic.empty() && topic.front() == '$' && !filter.empty() && (filter.front() == '+' || filter.front() == '#'))
    return false;
  std::size_t f = 0;
  std::size_t t = 0;
  while (true) {
    const auto f_end = filter.find('/', f);
    const std::string_view f_level = filter.substr(f, f_end == std::string_view::npos ? f_end : f_end - f);
    if (f_level == "#") return true;
    const auto t_end = topic.find('/', t);
    const std::string_view t_level = topic.substr(t, t_end == std::string_view::npos ? t_end : t_end - t);
    if (f_level != "+" && f_level != t_level) return false;
    const bool filter_done = f_end == std::string_view::npos;
    const bool topic_done = t_end == std::string_view::npos;
    if (filter_done || topic_done) {
      if (filter_done && topic_done) return true;
      // "a/#" also matches "a": the filter continues with exactly "/#".
      return topic_done && filter.substr(f_end + 1) == "#";
    }
    f = f_end + 1;
    t = t_end + 1;
  }
}

}  // namespace mq
