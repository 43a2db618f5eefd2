#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

#include "mqjson/build.hpp"
#include "mqjson/json_document.hpp"

namespace {

// 2026-11-25T10:00:00.123Z
const std::chrono::system_clock::time_point fixed_now{std::chrono::milliseconds(1795600800123)};

tl::expected<std::string, std::string> build(std::vector<std::string_view> words) {
  return mq::mqjson::build_object(words, fixed_now);
}

std::string built(std::vector<std::string_view> words) {
  auto object = build(std::move(words));
  REQUIRE_MESSAGE(object.has_value(), object.error());
  return *object;
}

}  // namespace

TEST_CASE("mqjson::build_object infers types for key=value") {
  CHECK(built({"temp=21.5", "light=412", "neg=-3", "exp=1e3", "name=kitchen"}) ==
        R"({"temp":21.5,"light":412,"neg":-3,"exp":1e3,"name":"kitchen"})");
  CHECK(built({"a=true", "b=false", "c=null"}) == R"({"a":true,"b":false,"c":null})");
  CHECK(built({"a=012", "b=1.", "c=+1", "d=0x10", "e=", "f=True"}) ==
        R"({"a":"012","b":"1.","c":"+1","d":"0x10","e":"","f":"True"})");
  CHECK(built({"big=12345678901234567890"}) == R"({"big":12345678901234567890})");
  CHECK(built({"q=say \"hi\"\n"}) == R"({"q":"say \"hi\"\n"})");
  CHECK(built({"url=http://x/?a=b"}) == R"({"url":"http://x/?a=b"})");
  CHECK(built({}) == "{}");
}

TEST_CASE("mqjson::build_object timestamps") {
  CHECK(built({"t=@now"}) == R"({"t":"2026-11-25T10:00:00.123Z"})");
  CHECK(built({"t=@epoch"}) == R"({"t":1795600800})");
  CHECK(built({"t=@epoch_ms"}) == R"({"t":1795600800123})");
  CHECK(built({"t@=@now"}) == R"({"t":"@now"})");
}

TEST_CASE("mqjson::build_object raw JSON and forced strings") {
  CHECK(built({"a:=[1, 2, {\"b\" : null}]", "n:=1.10"}) == R"({"a":[1,2,{"b":null}],"n":1.1})");
  CHECK(built({"s@=42", "t@=true"}) == R"({"s":"42","t":"true"})");
  CHECK(build({"a:=[1,"}).error() ==
        "'a:=[1,': invalid JSON at byte 3: unexpected end of input (expected a value)");
  CHECK(build({"a:="}).error() == "'a:=': invalid JSON at byte 0: empty document");
}

TEST_CASE("mqjson::build_object nests dotted keys and keeps order") {
  CHECK(built({"a.b=1", "x=2", "a.c.d=3"}) == R"({"a":{"b":1,"c":{"d":3}},"x":2})");
  CHECK(built({"a=1", "b=2", "a=3"}) == R"({"a":3,"b":2})");
  CHECK(build({"a=1", "a.b=2"}).error() == "'a.b=2': key 'a' is both a value and an object");
  CHECK(build({"a.b=1", "a=2"}).error() == "'a=2': key 'a' is both a value and an object");
  CHECK(build({"a..b=1"}).error() == "'a..b=1': empty key segment");
  CHECK(build({"=1"}).error() == "'=1': empty key");
  CHECK(build({":=1"}).error() == "':=1': empty key");
  CHECK(build({"novalue"}).error() == "'novalue': expected key=value, key:=JSON or key@=text");
}

// Regression from fuzz_mqjson_build (tests/fuzz/corpus/fuzz_mqjson_build keeps the input): a dotted key
// nested past what mqjson reads, and 500,000 segments overflowed the stack.
TEST_CASE("mqjson::build_object nests no deeper than mqjson reads back") {
  const auto key_of = [](std::size_t segments) {
    std::string key = "a";
    for (std::size_t i = 1; i < segments; ++i) key += ".a";
    return key;
  };
  const std::string deepest = key_of(1024) + "=1";
  mq::mqjson::JsonDocument document;
  CHECK(document.parse(built({deepest})));
  const std::string too_deep = key_of(1025) + "=1";
  CHECK(build({too_deep}).error() == "'" + too_deep + "': nesting deeper than 1024 levels");
  const std::string huge = key_of(500'000) + "=1";
  CHECK(build({huge}).error().ends_with("': nesting deeper than 1024 levels"));
  // Raw JSON counts its own depth; brackets inside strings do not.
  const std::string raw_fits = key_of(1022) + R"(:=[{"]]]":1}])";
  CHECK(document.parse(built({raw_fits})));
  CHECK_FALSE(build({key_of(1023) + R"(:=[{"]]]":1}])"}).has_value());
  CHECK(document.parse(built({key_of(1024) + "@=[[[["})));
}

TEST_CASE("mqjson::split_words") {
  using Words = std::vector<std::string>;
  CHECK(mq::mqjson::split_words("  a=1\tb=2  ").value() == Words{"a=1", "b=2"});
  CHECK(mq::mqjson::split_words(R"(name="living room" q='it''s' e="a\"b\\c")").value() ==
        Words{"name=living room", "q=its", R"(e=a"b\c)"});
  CHECK(mq::mqjson::split_words("").value().empty());
  CHECK(mq::mqjson::split_words("a=\"open").error() == "unterminated quote at byte 2");
}
