#include <doctest/doctest.h>

#include <string>

#include "mqsub/filters.hpp"

using mq::mqsub::MessageFilter;
using mq::mqsub::RegexSyntax;
using mq::mqsub::Selection;

namespace {

mq::output::Message message(std::string topic, std::string payload, bool retained = false) {
  mq::output::Message built;
  built.topic = std::move(topic);
  built.payload = std::move(payload);
  built.retained = retained;
  return built;
}

std::regex pattern(const std::string& text, RegexSyntax syntax = RegexSyntax::ecmascript) {
  auto compiled = mq::mqsub::compile_payload_pattern(text, syntax);
  REQUIRE(compiled.has_value());
  return *compiled;
}

}  // namespace

TEST_CASE("mqsub::parse_regex_syntax") {
  CHECK(mq::mqsub::parse_regex_syntax("ecmascript") == RegexSyntax::ecmascript);
  CHECK(mq::mqsub::parse_regex_syntax("posix") == RegexSyntax::posix_extended);
  CHECK(mq::mqsub::parse_regex_syntax("pcre").error() ==
        "unknown regex syntax 'pcre' (use ecmascript or posix)");
}

TEST_CASE("mqsub::compile_payload_pattern") {
  const auto bad = mq::mqsub::compile_payload_pattern("a(b", RegexSyntax::ecmascript);
  REQUIRE_FALSE(bad.has_value());
  CHECK(bad.error() == "invalid regular expression 'a(b': Mismatched '(' and ')' in regular expression");
  CHECK_FALSE(mq::mqsub::compile_payload_pattern("[", RegexSyntax::posix_extended).has_value());
}

TEST_CASE("mqsub::MessageFilter") {
  SUBCASE("no selection keeps everything") {
    MessageFilter filter(Selection{});
    CHECK(filter.keep(message("a/b", "x", true)));
  }
  SUBCASE("-T drops matching topics") {
    Selection selection;
    selection.excluded_filters = {"a/+/debug", "b/#"};
    MessageFilter filter(selection);
    CHECK_FALSE(filter.keep(message("a/x/debug", "1")));
    CHECK_FALSE(filter.keep(message("b", "1")));
    CHECK(filter.keep(message("a/x/info", "1")));
  }
  SUBCASE("-R drops retained messages") {
    Selection selection;
    selection.skip_retained = true;
    MessageFilter filter(selection);
    CHECK_FALSE(filter.keep(message("a", "1", true)));
    CHECK(filter.keep(message("a", "1", false)));
  }
  SUBCASE("--grep matches anywhere in the payload, ECMAScript syntax") {
    Selection selection;
    selection.payload_must_match = pattern(R"(temp=\d+)");
    MessageFilter filter(selection);
    CHECK(filter.keep(message("a", "x temp=21 y")));
    CHECK_FALSE(filter.keep(message("a", "temp=x")));
  }
  SUBCASE("--grep in POSIX extended syntax: \\d is not a digit class there") {
    Selection selection;
    selection.payload_must_match = pattern("^temp=[[:digit:]]+$", RegexSyntax::posix_extended);
    MessageFilter filter(selection);
    CHECK(filter.keep(message("a", "temp=21")));
    CHECK_FALSE(filter.keep(message("a", "temp=21.5")));
  }
  SUBCASE("--grep-v drops matches; both compose") {
    Selection selection;
    selection.payload_must_match = pattern("temp");
    selection.payload_must_not_match = pattern(R"(\.)");
    MessageFilter filter(selection);
    CHECK(filter.keep(message("a", "temp=20")));
    CHECK_FALSE(filter.keep(message("a", "temp=20.5")));
    CHECK_FALSE(filter.keep(message("a", "status")));
  }
  SUBCASE("binary payloads are matched as bytes") {
    Selection selection;
    selection.payload_must_match = pattern(std::string("a\0b", 3));
    MessageFilter filter(selection);
    CHECK(filter.keep(message("a", std::string("xa\0by", 5))));
    CHECK_FALSE(filter.keep(message("a", "ab")));
  }
  SUBCASE("--random-filter keeps about that share") {
    Selection selection;
    selection.keep_percent = 25.0;
    MessageFilter filter(selection, 12345);
    int kept = 0;
    for (int i = 0; i < 10000; ++i) kept += filter.keep(message("a", "x")) ? 1 : 0;
    CHECK(kept > 2200);
    CHECK(kept < 2800);
  }
}
