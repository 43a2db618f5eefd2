// compile_search_regex / search_regex: "occurs anywhere" semantics in both grammars, bounded stack on long
// network input, and the refusals (back-references, oversized counts) named clearly.
#include <doctest/doctest.h>

#include <string>

#include "mq/core/search_regex.hpp"

namespace {

bool occurs(const std::string& pattern, const std::string& text, mq::RegexSyntax syntax = mq::RegexSyntax::ecmascript) {
  const auto compiled = mq::compile_search_regex(pattern, syntax);
  REQUIRE(compiled.has_value());
  return mq::search_regex(*compiled, text);
}

}  // namespace

TEST_CASE("a pattern matches anywhere; ^ and $ anchor it to the whole text") {
  CHECK(occurs("temp", "the temp is 21"));
  CHECK_FALSE(occurs("humidity", "the temp is 21"));
  CHECK(occurs("^the", "the temp"));
  CHECK_FALSE(occurs("^temp", "the temp"));
  CHECK(occurs("21$", "the temp is 21"));
  CHECK_FALSE(occurs("^temp$", "temp 1"));
  CHECK(occurs("\\d+\\.\\d", "value 21.5"));
}

TEST_CASE("POSIX extended syntax, as grep -E") {
  CHECK(occurs("[[:digit:]]+", "abc 42", mq::RegexSyntax::posix_extended));
  CHECK_FALSE(occurs("^[[:digit:]]+$", "abc 42", mq::RegexSyntax::posix_extended));
  CHECK(occurs("(on|off)$", "switch off", mq::RegexSyntax::posix_extended));
}

TEST_CASE("payloads are bytes: newlines and NUL do not stop the search") {
  CHECK(occurs("needle", std::string("line one\nline two\0 with needle", 30)));
  CHECK(occurs("needle", std::string("\0\0needle", 8), mq::RegexSyntax::posix_extended));
}

TEST_CASE("a long payload against a repetition does not overflow the stack") {
  const std::string long_value(200'000, 'a');
  CHECK_FALSE(occurs("(a|b)*c", long_value));
  CHECK(occurs("(a|b)*c", long_value + "c"));
  CHECK_FALSE(occurs("(a|b)*c", long_value, mq::RegexSyntax::posix_extended));
}

TEST_CASE("refused patterns say why") {
  const auto backreference = mq::compile_search_regex("(a)\\1", mq::RegexSyntax::ecmascript);
  REQUIRE_FALSE(backreference.has_value());
  CHECK(backreference.error() == "back-references are not supported");
  const auto huge_count = mq::compile_search_regex("a{99999999999}", mq::RegexSyntax::ecmascript);
  REQUIRE_FALSE(huge_count.has_value());
  CHECK(huge_count.error() == "a count or back-reference over 9 digits");
  CHECK_FALSE(mq::compile_search_regex("a)|(b", mq::RegexSyntax::ecmascript).has_value());
  CHECK_FALSE(mq::compile_search_regex("(unclosed", mq::RegexSyntax::posix_extended).has_value());
}
