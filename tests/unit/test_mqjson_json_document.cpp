#include <doctest/doctest.h>

#include <string>

#include "mqjson/jq_number.hpp"
#include "mqjson/jq_text.hpp"
#include "mqjson/json_document.hpp"

using mq::mqjson::JsonDocument;
using mq::mqjson::JsonKind;

namespace {

// "byte N: reason" for a text that must not parse.
std::string error_of(std::string_view text) {
  JsonDocument document;
  const auto parsed = document.parse(text);
  REQUIRE_FALSE(parsed.has_value());
  return "byte " + std::to_string(parsed.error().offset) + ": " + std::string(parsed.error().reason);
}

std::string compact(std::string_view text) {
  JsonDocument document;
  const auto parsed = document.parse(text);
  REQUIRE_MESSAGE(parsed.has_value(), text);
  std::string out;
  mq::mqjson::append_compact(out, document, document.root());
  return out;
}

std::string jq_number(std::string_view text) {
  std::string out;
  mq::mqjson::append_jq_number(out, text);
  return out;
}

}  // namespace

TEST_CASE("mqjson::JsonDocument builds a tape in document order") {
  JsonDocument document;
  const std::string text = R"( {"a": [1, "x\n"], "b": {}} )";
  REQUIRE(document.parse(text));
  const auto& root = document.node(0);
  CHECK(root.kind == JsonKind::object);
  CHECK(root.count == 2);
  CHECK(root.end == 7);  // object, "a", array, 1, "x\n", "b", {}
  CHECK(document.text_of(document.node(1)) == "a");
  CHECK(document.node(2).kind == JsonKind::array);
  CHECK(document.node(2).count == 2);
  CHECK(document.node(2).end == 5);
  CHECK(document.text_of(document.node(3)) == "1");
  CHECK(document.node(4).has_escapes);
  CHECK(document.text_of(document.node(4)) == "x\\n");
  CHECK(document.node(6).kind == JsonKind::object);
  CHECK(document.node(6).count == 0);
}

TEST_CASE("mqjson::JsonDocument reports errors with byte offsets") {
  CHECK(error_of("") == "byte 0: empty document");
  CHECK(error_of("   ") == "byte 3: empty document");
  CHECK(error_of(R"({"a":1,})") == "byte 7: expected a string key");
  CHECK(error_of(R"({"a" 1})") == "byte 5: expected ':' after the key");
  CHECK(error_of("[1 2]") == "byte 3: expected ',' or ']'");
  CHECK(error_of("[1,2") == "byte 4: unterminated array");
  CHECK(error_of(R"({"a":1)") == "byte 6: unterminated object");
  CHECK(error_of(R"("abc)") == "byte 4: unterminated string");
  CHECK(error_of("01") == "byte 1: invalid number (leading zeros are not allowed)");
  CHECK(error_of("1.") == "byte 2: invalid number (digits must follow '.')");
  CHECK(error_of("1e+") == "byte 3: invalid number (digits must follow the exponent)");
  CHECK(error_of("-") == "byte 1: invalid number");
  CHECK(error_of("tru") == "byte 0: unexpected character (expected a value)");
  CHECK(error_of("{} x") == "byte 3: unexpected data after the JSON value");
  CHECK(error_of("1 2") == "byte 2: unexpected data after the JSON value");
  CHECK(error_of("\"a\tb\"") == "byte 2: control character in string (must be escaped)");
  CHECK(error_of(R"("\x")") == "byte 1: invalid escape in string");
  CHECK(error_of(R"("\u12G4")") == "byte 1: invalid \\u escape (needs four hex digits)");
  CHECK(error_of(R"("\ud800")") == "byte 1: unpaired surrogate in \\u escape");
  CHECK(error_of(R"("\udc00")") == "byte 1: unpaired surrogate in \\u escape");
  CHECK(error_of("[1,]") == "byte 3: unexpected character (expected a value)");
}

TEST_CASE("mqjson::JsonDocument rejects malformed UTF-8 at the offending byte") {
  CHECK(error_of("{\"a\":\"ok\xff\"}") == "byte 8: invalid UTF-8");
  CHECK(error_of("\"\xc0\xaf\"") == "byte 1: invalid UTF-8");          // overlong '/'
  CHECK(error_of("\"\xed\xa0\x80\"") == "byte 1: invalid UTF-8");      // encoded surrogate
  CHECK(error_of("\"\xf4\x90\x80\x80\"") == "byte 1: invalid UTF-8");  // above U+10FFFF
  CHECK(error_of("\"\xe2\x82\"") == "byte 1: invalid UTF-8");          // truncated
  JsonDocument document;
  CHECK(document.parse("\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\""));  // é € 😀
}

TEST_CASE("mqjson::JsonDocument limits nesting without recursion") {
  const std::string deep(100000, '[');
  CHECK(error_of(deep) == "byte 1024: nesting deeper than 1024 levels");
  const std::string allowed = std::string(1024, '[') + std::string(1024, ']');
  JsonDocument document;
  CHECK(document.parse(allowed));
  CHECK(compact(allowed) == allowed);
}

TEST_CASE("mqjson::JsonDocument is reusable") {
  JsonDocument document;
  REQUIRE(document.parse("[1,2,3]"));
  REQUIRE_FALSE(document.parse("[1,"));
  REQUIRE(document.parse("\"x\""));
  CHECK(document.node(0).kind == JsonKind::string);
  CHECK(document.text_of(document.node(0)) == "x");
}

TEST_CASE("mqjson::append_jq_number prints like jq 1.6 where that is exact") {
  CHECK(jq_number("0") == "0");
  CHECK(jq_number("-0") == "-0");
  CHECK(jq_number("-0.0") == "-0");
  CHECK(jq_number("1.10") == "1.1");
  CHECK(jq_number("1e2") == "100");
  CHECK(jq_number("1E2") == "100");
  CHECK(jq_number("-1.0") == "-1");
  CHECK(jq_number("0.1") == "0.1");
  CHECK(jq_number("0.0001") == "0.0001");
  CHECK(jq_number("0.00001") == "1e-05");
  CHECK(jq_number("1.5e-7") == "1.5e-07");
  CHECK(jq_number("1e16") == "1e+16");
  CHECK(jq_number("1e15") == "1000000000000000");
  CHECK(jq_number("1e17") == "1e+17");
  CHECK(jq_number("100000000000000000000") == "1e+20");
  CHECK(jq_number("123456789012") == "123456789012");
  CHECK(jq_number("3.14159265358979") == "3.14159265358979");
  CHECK(jq_number("1.5e300") == "1.5e+300");
  CHECK(jq_number("12345678901234567000") == "12345678901234567000");
}

TEST_CASE("mqjson::append_jq_number keeps the text where jq would lose precision") {
  CHECK(jq_number("12345678901234567890") == "12345678901234567890");
  CHECK(jq_number("9007199254740993") == "9007199254740993");
  CHECK(jq_number("-9223372036854775808") == "-9223372036854775808");
  CHECK(jq_number("18446744073709551615") == "18446744073709551615");
  CHECK(jq_number("1e400") == "1e400");
  CHECK(jq_number("1e-400") == "1e-400");
  CHECK(jq_number("0.1000000000000000055511151231257827") == "0.1000000000000000055511151231257827");
}

TEST_CASE("mqjson::compare_json_numbers compares exact values") {
  using mq::mqjson::compare_json_numbers;
  CHECK(compare_json_numbers("12345678901234567890", "12345678901234567000") == 1);
  CHECK(compare_json_numbers("1", "1.0") == 0);
  CHECK(compare_json_numbers("100", "1e2") == 0);
  CHECK(compare_json_numbers("-0", "0") == 0);
  CHECK(compare_json_numbers("-1", "0") == -1);
  CHECK(compare_json_numbers("-2", "-1.5") == -1);
  CHECK(compare_json_numbers("0.001", "0.01") == -1);
  CHECK(compare_json_numbers("9.99", "10") == -1);
  CHECK(compare_json_numbers("1e400", "1e399") == 1);
}

TEST_CASE("mqjson::append_compact prints like jq -c") {
  CHECK(compact(R"( { "a" : [ 1 , 2.50 , true , null ] , "b" : "x" } )") ==
        R"({"a":[1,2.5,true,null],"b":"x"})");
  CHECK(compact(R"("\u00e9\/\u0041")") == "\"\xc3\xa9/A\"");
  CHECK(compact(R"("\u0001\u001f\u007f\b\f\n\r\t\"\\")") == R"("\u0001\u001f\u007f\b\f\n\r\t\"\\")");
  CHECK(compact("\"raw\x7f"
                "del\"") == R"("raw\u007fdel")");
  CHECK(compact(R"("\ud83d\ude00")") == "\"\xf0\x9f\x98\x80\"");
  CHECK(compact(R"({"a":1,"b":2,"a":3})") == R"({"a":3,"b":2})");
  CHECK(compact(R"({"a":1,"\u0061":2})") == R"({"a":2})");
  CHECK(compact("[]") == "[]");
  CHECK(compact("{}") == "{}");
}

TEST_CASE("mqjson::key_equals decodes escapes without allocating a copy") {
  CHECK(mq::mqjson::key_equals("abc", false, "abc"));
  CHECK_FALSE(mq::mqjson::key_equals("abc", false, "ab"));
  CHECK(mq::mqjson::key_equals(R"(a\u0062c)", true, "abc"));
  CHECK(mq::mqjson::key_equals(R"(\u00e9)", true, "\xc3\xa9"));
  CHECK_FALSE(mq::mqjson::key_equals(R"(a\u0062c)", true, "abcd"));
  CHECK_FALSE(mq::mqjson::key_equals(R"(a\u0062c)", true, "ab"));
}
