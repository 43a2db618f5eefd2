#include "mqpub/line_topic.hpp"

#include <fmt/format.h>

#include "mq/core/topic.hpp"

namespace mq::mqpub {

tl::expected<std::string, std::string> parse_separator(std::string_view text) {
  std::string separator;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\' || i + 1 == text.size()) {
      separator += text[i];
      continue;
    }
    switch (text[++i]) {
      case 't': separator += '\t'; break;
      case 'n': separator += '\n'; break;
      case '\\': separator += '\\'; break;
      case '0': separator += '\0'; break;
      default: return tl::unexpected(fmt::format("unknown escape '\\{}' (use \\t, \\\\ or \\0)", text[i]));
    }
  }
  if (separator.empty()) return tl::unexpected(std::string("empty separator (e.g. use '\\t' or ' ')"));
  return separator;
}

tl::expected<TopicAndPayload, std::string> split_line(std::string_view line, std::string_view separator) {
  const auto at = line.find(separator);
  if (at == std::string_view::npos) return tl::unexpected(std::string("no separator in the line"));
  TopicAndPayload result{line.substr(0, at), line.substr(at + separator.size())};
  if (auto valid = validate_topic_name(result.topic); !valid)
    return tl::unexpected(fmt::format("topic '{}': {}", result.topic, valid.error()));
  return result;
}

}  // namespace mq::mqpub
