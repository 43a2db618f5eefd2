// --topic-from-line: the first line is the option's text (the separator, with \t \\ \0 escapes), every
// further line is split into topic and payload.
#include <string>

#include "fuzz_input.hpp"
#include "mqpub/line_topic.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto [option, text] = mq::fuzz::split_first_line(mq::fuzz::as_text(data, size));
  const auto separator = mq::mqpub::parse_separator(option);
  if (!separator) return 0;
  mq::fuzz::require(!separator->empty(), "a separator is at least one byte");
  while (!text.empty()) {
    const auto [line, rest] = mq::fuzz::split_first_line(text);
    text = rest;
    const auto split = mq::mqpub::split_line(line, *separator);
    if (!split) continue;
    std::string joined(split->topic);
    joined += *separator;
    joined += split->payload;
    mq::fuzz::require(joined == line, "topic, separator and payload make up the line");
  }
  return 0;
}
