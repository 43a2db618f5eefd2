#pragma once
// --topic-from-line SEP: each line carries its own topic before the first SEP ("sensors/a<TAB>21.5").
#include <string>
#include <string_view>
#include <tl/expected.hpp>

namespace mq::mqpub {

// Turns the option's text into the separator: "\t" (as typed in a shell) becomes a TAB; one byte or more.
tl::expected<std::string, std::string> parse_separator(std::string_view text);

struct TopicAndPayload {
  std::string_view topic;
  std::string_view payload;
};

// The error says what is wrong with the line (no separator, invalid topic).
tl::expected<TopicAndPayload, std::string> split_line(std::string_view line, std::string_view separator);

}  // namespace mq::mqpub
