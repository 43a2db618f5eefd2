#pragma once
// Which received messages mqsub prints: topic exclusions (-T), stale retained messages (-R), payload
// patterns (--grep, --grep-v) and random sampling (--random-filter). -C counts only the messages kept here.
//
// Patterns use std::regex: ECMAScript syntax by default (as in JavaScript: \d, (?:...), lazy quantifiers),
// or POSIX extended (as `grep -E`) with --regex-syntax posix. A pattern matches anywhere in the payload;
// anchor it with ^ and $ for the whole payload. Payloads are matched as bytes.
#include <optional>
#include <random>
#include <regex>

#include "mq/core/search_regex.hpp"
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

#include "mq/output/message.hpp"

namespace mq::mqsub {

using mq::RegexSyntax;

// "ecmascript" or "posix"; anything else is an error naming the choices.
tl::expected<RegexSyntax, std::string> parse_regex_syntax(std::string_view text);

// The error is "invalid regular expression '<pattern>': <what std::regex says>".
tl::expected<std::regex, std::string> compile_payload_pattern(const std::string& pattern, RegexSyntax syntax);

struct Selection {
  std::vector<std::string> excluded_filters;  // -T
  bool skip_retained = false;                 // -R
  std::optional<std::regex> payload_must_match;
  std::optional<std::regex> payload_must_not_match;
  std::optional<double> keep_percent;  // --random-filter, 0.1 to 100
};

class MessageFilter {
 public:
  explicit MessageFilter(Selection selection, unsigned random_seed = std::random_device{}());
  bool keep(const output::Message& message);

 private:
  Selection selection_;
  std::minstd_rand random_;
  std::uniform_real_distribution<double> percent_{0.0, 100.0};
};

}  // namespace mq::mqsub
