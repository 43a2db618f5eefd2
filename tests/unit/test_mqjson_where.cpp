#include <doctest/doctest.h>

#include <string>

#include "mqjson/where.hpp"

using mq::mqjson::JsonDocument;
using mq::mqjson::MessageMeta;
using mq::mqjson::WhereExpression;

namespace {

bool holds(std::string_view expression, std::string_view json, const MessageMeta& meta = {}) {
  auto where = WhereExpression::parse(expression);
  REQUIRE_MESSAGE(where.has_value(), expression, ": ", where.error());
  JsonDocument document;
  REQUIRE(document.parse(json));
  return where->matches(&document, meta);
}

std::string error_of(std::string_view expression) {
  auto where = WhereExpression::parse(expression);
  REQUIRE_FALSE(where.has_value());
  return where.error();
}

}  // namespace

TEST_CASE("mqjson::WhereExpression comparisons with literals") {
  const std::string doc = R"({"t":21.5,"n":80,"s":"kitchen","b":true,"z":null,"big":12345678901234567890})";
  CHECK(holds(".t > 20", doc));
  CHECK_FALSE(holds(".t > 21.5", doc));
  CHECK(holds(".t >= 21.5", doc));
  CHECK(holds(".t < 1e2", doc));
  CHECK(holds(".n == 80.0", doc));
  CHECK(holds(".n <= 80", doc));
  CHECK(holds(".n != 81", doc));
  CHECK(holds("80 == .n", doc));
  CHECK(holds(".s == \"kitchen\"", doc));
  CHECK(holds(".s < \"l\"", doc));
  CHECK(holds(".s == \"kitch\\u0065n\"", doc));
  CHECK(holds(".b == true", doc));
  CHECK(holds(".z == null", doc));
  CHECK(holds(".missing == null", doc));
  CHECK(holds(".big > 12345678901234567000", doc));
  CHECK(holds(".big == 12345678901234567890", doc));
}

TEST_CASE("mqjson::WhereExpression never orders across types") {
  const std::string doc = R"({"s":"hot","n":5,"a":[1]})";
  CHECK_FALSE(holds(".s > 80", doc));
  CHECK_FALSE(holds(".s < 80", doc));
  CHECK_FALSE(holds(".s == 80", doc));
  CHECK(holds(".s != 80", doc));
  CHECK_FALSE(holds(".n == \"5\"", doc));
  CHECK_FALSE(holds(".missing > 1", doc));
  CHECK_FALSE(holds(".a > 0", doc));
}

TEST_CASE("mqjson::WhereExpression paths on both sides, iterators, exists, truthiness, regex") {
  const std::string doc =
      R"({"min":10,"max":30,"v":[1,50],"o":{"a":1},"p":{"a":1},"name":"sensor-12","f":false,"z":null})";
  CHECK(holds(".min < .max", doc));
  CHECK_FALSE(holds(".max < .min", doc));
  CHECK(holds(".v[] > 40", doc));
  CHECK_FALSE(holds(".v[] > 60", doc));
  CHECK(holds(".o == .p", doc));
  CHECK(holds("exists(.z)", doc));
  CHECK_FALSE(holds("exists(.nope)", doc));
  CHECK(holds("exists( .o.a )", doc));
  CHECK(holds(".name", doc));
  CHECK_FALSE(holds(".f", doc));
  CHECK_FALSE(holds(".z", doc));
  CHECK_FALSE(holds(".nope", doc));
  CHECK(holds(".name =~ \"^sensor-[0-9]+$\"", doc));
  CHECK(holds(".name =~ \"or-1\"", doc));
  CHECK_FALSE(holds(".min =~ \"1\"", doc));
}

TEST_CASE("mqjson::WhereExpression logic and precedence: not > and > or") {
  const std::string doc = R"({"a":1,"b":2})";
  CHECK(holds(".a == 1 and .b == 2", doc));
  CHECK_FALSE(holds(".a == 1 and .b == 3", doc));
  CHECK(holds(".a == 9 or .b == 2", doc));
  CHECK(holds(".a == 9 and .b == 9 or .a == 1", doc));  // (F and F) or T
  CHECK_FALSE(holds(".a == 9 and (.b == 9 or .a == 1)", doc));
  CHECK(holds("not .a == 9", doc));
  CHECK_FALSE(holds("not .a == 1 or .b == 9", doc));  // (not T) or F
  CHECK(holds("not (.a == 1 and .b == 9)", doc));
  CHECK(holds("not not .a == 1", doc));
  CHECK(holds(".a==1and.b==2", doc) == true);
}

TEST_CASE("mqjson::WhereExpression metadata") {
  MessageMeta meta;
  meta.known = true;
  meta.topic = "plant/boiler/temp";
  meta.qos = 1;
  meta.retained = false;
  CHECK(holds("$topic[1] == \"boiler\"", "{}", meta));
  CHECK(holds("$qos >= 1 and $retain == false", "{}", meta));
  CHECK(holds("$topic =~ \"^plant/\"", "{}", meta));
  CHECK_FALSE(holds("exists($topic)", "{}"));
}

TEST_CASE("mqjson::WhereExpression errors name the column") {
  CHECK(error_of("") == "column 1: expected a path or a value");
  CHECK(error_of(".a >") == "column 5: expected a path or a value");
  CHECK(error_of(".a > 1 and") == "column 11: expected a path or a value");
  CHECK(error_of("(.a > 1") == "column 8: expected ')'");
  CHECK(error_of(".a > 1 .b") == "column 8: unexpected text (expected 'and', 'or' or the end)");
  CHECK(error_of(".a[ > 1") == "column 4: expected an index, a \"name\" or ']' after '['");
  CHECK(error_of("80") == "column 1: a value alone is no condition (compare it with a path)");
  CHECK(error_of(".a =~ 1") == "column 7: expected a \"regex\" after =~");
  CHECK(error_of(".a =~ \"(\"").starts_with("column 7: invalid regex: "));
  CHECK(error_of("exists(1)") == "column 9: exists() takes a path");
  CHECK(error_of("exists .a") == "column 8: expected '(' after exists");
  CHECK(error_of(".a == \"x") == "column 7: unterminated string literal");
  CHECK(error_of(".a == 1.") == "column 7: invalid number");
  CHECK(error_of(".a == yes") ==
        "column 7: expected a path (.x, /x, $topic), a number, a \"string\", true, false or null");
  CHECK(error_of(std::string(100, '(') + ".a" + std::string(100, ')')) ==
        "column 66: expression nested too deeply");
}

// Regressions from fuzz_mqjson_where (tests/fuzz/corpus/fuzz_mqjson_where keeps the inputs).
TEST_CASE("mqjson::WhereExpression regex on long values: linear, bounded stack") {
  // libstdc++'s backtracking matcher overflowed the stack on a value of some 20 KB.
  const std::string long_value(200'000, 'a');
  CHECK_FALSE(holds(R"(.a =~ "(a|b)*c")", R"({"a":")" + long_value + R"("})"));
  CHECK(holds(R"(.a =~ "(a|b)*c")", R"({"a":")" + long_value + R"(c"})"));
  CHECK(holds(R"(.a =~ "a.*b$")", R"({"a":")" + long_value + R"(b"})"));
  CHECK_FALSE(holds(R"(.a =~ "^b")", R"({"a":")" + long_value + R"(b"})"));
  // Still a search anywhere in the value, with anchors and any bytes around the match.
  CHECK(holds(R"(.s =~ "or-1")", R"({"s":"line\nsensor-12\u00ff"})"));
  CHECK(holds(R"(.s =~ "^line")", R"({"s":"line\nsensor-12"})"));
  CHECK_FALSE(holds(R"(.s =~ "^sensor")", R"({"s":"line\nsensor-12"})"));
  CHECK(holds(R"(.s =~ "a|zz")", R"({"s":"xa"})"));
}

TEST_CASE("mqjson::WhereExpression refuses regexes libstdc++ cannot take safely") {
  // Numbers past a long were undefined behaviour inside std::regex.
  CHECK(error_of(R"(/=~"\\2222222222222222222222")") ==
        "column 4: invalid regex: a count or back-reference over 9 digits");
  CHECK(error_of(R"(.a =~ "a{1,99999999999999999999}")") ==
        "column 7: invalid regex: a count or back-reference over 9 digits");
  CHECK(holds(R"(.a =~ "^\\{9999999999999}$")", R"({"a":"{9999999999999}"})"));
  CHECK(error_of(R"(.a =~ "(a)\\1")").starts_with("column 7: invalid regex: "));
  // The pattern is checked on its own: it cannot close the group the matcher wraps it in.
  CHECK(error_of(R"(.a =~ "a)|(b")").starts_with("column 7: invalid regex: "));
}
