// -D properties: each line is one word of a -D occurrence ("publish", "content-type", "text/plain"), an
// empty line ends an occurrence; every occurrence is applied to one property set, as the tools do.
#include <string>
#include <vector>

#include "fuzz_input.hpp"
#include "mq/core/property_args.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text = mq::fuzz::as_text(data, size);
  mq::PropertySet set;
  std::vector<std::string> words;
  const auto apply = [&] {
    if (words.empty()) return;
    const auto applied = mq::add_property_argument(set, words);
    mq::fuzz::require(applied || !applied.error().empty(), "an error has a message");
    words.clear();
  };
  while (!text.empty()) {
    const auto [line, rest] = mq::fuzz::split_first_line(text);
    if (line.empty()) {
      apply();
    } else {
      words.emplace_back(line);
    }
    text = rest;
  }
  apply();
  return 0;
}
