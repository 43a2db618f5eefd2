#include <doctest/doctest.h>

#include <string>

#include "mq/output/compact_json.hpp"

namespace {

std::string compacted(std::string_view text) {
  std::string out = "<";
  const bool ok = mq::output::append_compact_json(out, text);
  return ok ? out : "refused, left " + out;
}

}  // namespace

TEST_CASE("output::append_compact_json drops insignificant whitespace and keeps values") {
  CHECK(compacted(" { \"a\" : [ 1 , 2.50 , -0 , 1e3 , 1E-2 ] ,\n\t\"b\" : { } , \"c\" : [ ] } ") ==
        R"(<{"a":[1,2.50,-0,1e3,1E-2],"b":{},"c":[]})");
  CHECK(compacted("true") == "<true");
  CHECK(compacted(" null ") == "<null");
  CHECK(compacted("123456789012345678901234567890") == "<123456789012345678901234567890");
  CHECK(compacted("\"\"") == "<\"\"");
}

TEST_CASE("output::append_compact_json re-escapes strings the way cJSON prints them") {
  CHECK(compacted(R"("\u00e9\/\n\"\\\b\f\r\t")") == "<\"\xc3\xa9/\\n\\\"\\\\\\b\\f\\r\\t\"");
  CHECK(compacted(R"("\ud83d\ude00")") == "<\"\xf0\x9f\x98\x80\"");
  CHECK(compacted(R"("\u0001\u001F")") == "<\"\\u0001\\u001f\"");
  CHECK(compacted(R"("\u0000")") == "<\"\\u0000\"");
  CHECK(compacted("\"raw\ttab\"") == "<\"raw\\ttab\"");
  CHECK(compacted("{\"k\xc3\xa9y\":\"\xe2\x82\xac\"}") == "<{\"k\xc3\xa9y\":\"\xe2\x82\xac\"}");
}

TEST_CASE("output::append_compact_json refuses what is not exactly one JSON value") {
  for (const char* bad : {"",
                          " ",
                          "12 x",
                          "[1,]",
                          "{\"a\":1}{\"b\":2}",
                          "01",
                          "-",
                          "1.",
                          "1e",
                          ".5",
                          "+1",
                          "nul",
                          "{\"a\" 1}",
                          "{a:1}",
                          "[1 2]",
                          "\"unterminated",
                          "\"bad \\x escape\"",
                          "\"\\ud800\"",
                          "\"\\udc00\"",
                          "\"\\ud800\\u0041\"",
                          "\"\\u12g4\"",
                          "{\"a\":1,}",
                          "'single'",
                          "[",
                          "}"}) {
    CAPTURE(bad);
    CHECK(compacted(bad) == "refused, left <");
  }
  CHECK(compacted("\"\xff\"") == "refused, left <");
  CHECK(compacted("\"\xc3\"") == "refused, left <");
}

TEST_CASE("output::append_compact_json stops at cJSON's nesting limit") {
  CHECK(compacted(std::string(1000, '[') + std::string(1000, ']')) ==
        "<" + std::string(1000, '[') + std::string(1000, ']'));
  CHECK(compacted(std::string(1001, '[') + std::string(1001, ']')) == "refused, left <");
}
