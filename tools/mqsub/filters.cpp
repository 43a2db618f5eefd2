#include "mqsub/filters.hpp"

#include <fmt/format.h>

#include "mq/core/topic.hpp"

namespace mq::mqsub {

tl::expected<RegexSyntax, std::string> parse_regex_syntax(std::string_view text) {
  if (text == "ecmascript") return RegexSyntax::ecmascript;
  if (text == "posix") return RegexSyntax::posix_extended;
  return tl::make_unexpected(fmt::format("unknown regex syntax '{}' (use ecmascript or posix)", text));
}

tl::expected<std::regex, std::string> compile_payload_pattern(const std::string& pattern,
                                                              RegexSyntax syntax) {
  auto compiled = compile_search_regex(pattern, syntax);
  if (!compiled)
    return tl::make_unexpected(fmt::format("invalid regular expression '{}': {}", pattern, compiled.error()));
  return std::move(*compiled);
}

MessageFilter::MessageFilter(Selection selection, unsigned random_seed)
    : selection_(std::move(selection)), random_(random_seed) {}

bool MessageFilter::keep(const output::Message& message) {
  if (selection_.skip_retained && message.retained) return false;
  for (const auto& excluded : selection_.excluded_filters)
    if (topic_matches(excluded, message.topic)) return false;
  if (selection_.payload_must_match && !search_regex(*selection_.payload_must_match, message.payload)) return false;
  if (selection_.payload_must_not_match && search_regex(*selection_.payload_must_not_match, message.payload))
    return false;
  if (selection_.keep_percent && percent_(random_) >= *selection_.keep_percent) return false;
  return true;
}

}  // namespace mq::mqsub
