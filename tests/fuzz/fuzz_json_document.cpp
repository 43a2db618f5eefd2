// The JSON parser behind mqjson (payloads from the network, lines from stdin). What parses must print
// compactly (jq -c) as JSON that parses again and prints the same.
#include <string>

#include "fuzz_input.hpp"
#include "mqjson/jq_text.hpp"
#include "mqjson/json_document.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = mq::fuzz::as_text(data, size);
  mq::mqjson::JsonDocument document;
  const auto parsed = document.parse(text);
  if (!parsed) {
    mq::fuzz::require(parsed.error().offset <= text.size(), "an error offset lies within the text");
    mq::fuzz::require(!parsed.error().reason.empty(), "an error has a reason");
    return 0;
  }
  std::string compact;
  mq::mqjson::append_compact(compact, document, document.root());
  mq::mqjson::JsonDocument again;
  mq::fuzz::require(again.parse(compact).has_value(), "compact output parses");
  std::string compact_again;
  mq::mqjson::append_compact(compact_again, again, again.root());
  mq::fuzz::require(compact == compact_again, "compact output is a fixed point");
  (void)mq::mqjson::utf8_sequence_length(text);
  return 0;
}
