// --build: every line is split into words as `mqjson --build -l` does, and the words of each line are
// built into one object, which must be valid JSON.
#include <chrono>
#include <string>
#include <vector>

#include "fuzz_input.hpp"
#include "mqjson/build.hpp"
#include "mqjson/json_document.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text = mq::fuzz::as_text(data, size);
  const auto now = std::chrono::system_clock::time_point(std::chrono::milliseconds(1'700'000'000'123));
  while (!text.empty()) {
    const auto [line, rest] = mq::fuzz::split_first_line(text);
    text = rest;
    const auto words = mq::mqjson::split_words(line);
    if (!words) continue;
    const std::vector<std::string_view> views(words->begin(), words->end());
    const auto object = mq::mqjson::build_object(views, now);
    if (!object) {
      mq::fuzz::require(!object.error().empty(), "an error has a message");
      continue;
    }
    mq::mqjson::JsonDocument document;
    mq::fuzz::require(document.parse(*object).has_value(), "a built object is valid JSON");
  }
  return 0;
}
