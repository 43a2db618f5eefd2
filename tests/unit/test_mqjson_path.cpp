#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "mqjson/field_value.hpp"
#include "mqjson/path.hpp"
#include "mqjson/row_format.hpp"

using mq::mqjson::FieldValue;
using mq::mqjson::JsonDocument;
using mq::mqjson::MessageMeta;
using mq::mqjson::MetaField;
using mq::mqjson::parse_path;
using mq::mqjson::PathStep;

namespace {

std::string error_of(std::string_view text) {
  const auto parsed = parse_path(text);
  REQUIRE_FALSE(parsed.has_value());
  return parsed.error();
}

// The values a path selects, each as compact JSON, joined with spaces.
std::string select(std::string_view path_text, std::string_view json, const MessageMeta& meta = {}) {
  const auto path = parse_path(path_text);
  REQUIRE_MESSAGE(path.has_value(), path_text);
  JsonDocument document;
  REQUIRE(document.parse(json));
  std::vector<FieldValue> values;
  mq::mqjson::evaluate_path(*path, &document, meta, values);
  std::string out;
  for (const FieldValue& value : values) {
    if (!out.empty()) out.push_back(' ');
    if (value.kind == FieldValue::Kind::missing) {
      out.append("<missing>");
    } else {
      mq::mqjson::append_value_json(out, &document, value);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("mqjson::parse_path steps") {
  const auto path = parse_path(R"(.a.b[0][-1]["k.x"]."q r"[])");
  REQUIRE(path);
  REQUIRE(path->steps.size() == 7);
  CHECK(path->steps[0].name == "a");
  CHECK(path->steps[1].name == "b");
  CHECK(path->steps[2].kind == PathStep::Kind::index);
  CHECK(path->steps[3].index == -1);
  CHECK(path->steps[4].name == "k.x");
  CHECK(path->steps[5].name == "q r");
  CHECK(path->steps[6].kind == PathStep::Kind::iterate);
  CHECK(path->iterates());
  CHECK(parse_path(".")->steps.empty());
  CHECK(parse_path(".[0]")->steps.front().kind == PathStep::Kind::index);
  CHECK(parse_path(".[]")->iterates());
}

TEST_CASE("mqjson::parse_path pointers and metadata") {
  const auto pointer = parse_path("/a~1b/m~0n/0/01");
  REQUIRE(pointer);
  REQUIRE(pointer->steps.size() == 4);
  CHECK(pointer->steps[0].name == "a/b");
  CHECK(pointer->steps[1].name == "m~n");
  CHECK(pointer->steps[2].numeric);
  CHECK_FALSE(pointer->steps[3].numeric);  // leading zero: a member name only
  CHECK(parse_path("$topic")->meta == MetaField::topic);
  CHECK(parse_path("$topic[-2]")->topic_level == -2);
  CHECK(parse_path("$prop.content-type")->property == "content-type");
  CHECK(parse_path("$retain")->meta == MetaField::retain);
}

TEST_CASE("mqjson::parse_path errors name the column") {
  CHECK(error_of("") == "column 1: empty path");
  CHECK(error_of("a.b") == "column 1: a path starts with '.', '/' or '$'");
  CHECK(error_of(".a[") == "column 4: expected an index, a \"name\" or ']' after '['");
  CHECK(error_of(".a[1") == "column 5: expected ']'");
  CHECK(error_of(".a.") == "column 4: expected a name, \"name\" or '[' after '.'");
  CHECK(error_of(".a..b") == "column 4: expected a name, \"name\" or '[' after '.'");
  CHECK(error_of(".a b") == "column 3: expected '.' or '['");
  CHECK(error_of(R"(.["abc])") == "column 3: unterminated string literal");
  CHECK(error_of("/a~2") == "column 3: '~' must be followed by 0 or 1 in a pointer");
  CHECK(error_of("$nope") ==
        "column 1: unknown metadata field (use $topic, $topic[N], $qos, $retain, $mid, $time or $prop.NAME)");
  CHECK(error_of("$topic[x]") == "column 8: expected an index, a \"name\" or ']' after '['");
  CHECK(parse_path(".a[", 10).error() == "column 13: expected an index, a \"name\" or ']' after '['");
}

TEST_CASE("mqjson::evaluate_path selects like jq") {
  const std::string doc =
      R"({"a":{"b":[10,20,{"c":"x"}]},"k.x":1,"n":null,"o":{"p":1,"q":2},"a~b":3,"e\u0301":4})";
  CHECK(select(".", R"([1, 2])") == "[1,2]");
  CHECK(select(".a.b[0]", doc) == "10");
  CHECK(select(".a.b[-1].c", doc) == "\"x\"");
  CHECK(select(".a.b[3]", doc) == "<missing>");
  CHECK(select(".a.b[-4]", doc) == "<missing>");
  CHECK(select(R"(.["k.x"])", doc) == "1");
  CHECK(select(".n", doc) == "null");
  CHECK(select(".n.x", doc) == "<missing>");
  CHECK(select(".missing.deeper[0]", doc) == "<missing>");
  CHECK(select(".a.b[]", doc) == R"(10 20 {"c":"x"})");
  CHECK(select(".o[]", doc) == "1 2");
  CHECK(select(".a.b[].c", doc) == "<missing> <missing> \"x\"");
  CHECK(select(".missing[]", doc).empty());
  CHECK(select(".n[]", doc).empty());
  CHECK(select(".a.b[0][]", doc).empty());
  CHECK(select("/a/b/1", doc) == "20");
  CHECK(select("/a~0b", doc) == "3");
  CHECK(select(".[\"e\xcc\x81\"]", doc) == "4");
  CHECK(select("/0", R"({"0":"member"})") == "\"member\"");
  CHECK(select("/0", R"(["element"])") == "\"element\"");
  CHECK(select(".a", R"({"a":1,"a":2})") == "2");
}

TEST_CASE("mqjson::evaluate_path metadata") {
  mq::MessageProperties properties;
  properties.content_type = "application/json";
  properties.user_properties = {{"unit", "celsius"}, {"unit", "second"}};
  properties.message_expiry_interval = 60;
  MessageMeta meta;
  meta.known = true;
  meta.topic = "house/kitchen/temp";
  meta.qos = 1;
  meta.retained = true;
  meta.message_id = 7;
  meta.time = "2026-11-25T10:00:00.123456Z";
  meta.properties = &properties;
  CHECK(select("$topic", "{}", meta) == "\"house/kitchen/temp\"");
  CHECK(select("$topic[0]", "{}", meta) == "\"house\"");
  CHECK(select("$topic[1]", "{}", meta) == "\"kitchen\"");
  CHECK(select("$topic[-1]", "{}", meta) == "\"temp\"");
  CHECK(select("$topic[3]", "{}", meta) == "<missing>");
  CHECK(select("$qos", "{}", meta) == "1");
  CHECK(select("$retain", "{}", meta) == "true");
  CHECK(select("$mid", "{}", meta) == "7");
  CHECK(select("$time", "{}", meta) == "\"2026-11-25T10:00:00.123456Z\"");
  CHECK(select("$prop.content-type", "{}", meta) == "\"application/json\"");
  CHECK(select("$prop.message-expiry-interval", "{}", meta) == "60");
  CHECK(select("$prop.unit", "{}", meta) == "\"celsius\"");
  CHECK(select("$prop.response-topic", "{}", meta) == "<missing>");
  CHECK(select("$topic", "{}") == "<missing>");  // raw stdin lines have no metadata
  meta.topic = "a//b/";
  CHECK(select("$topic[1]", "{}", meta) == "\"\"");
  CHECK(select("$topic[-1]", "{}", meta) == "\"\"");
  CHECK(select("$topic[2]", "{}", meta) == "\"b\"");
}
