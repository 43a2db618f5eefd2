#include <doctest/doctest.h>

#include <string>

#include "mqsub/pretty_json.hpp"

namespace {

std::string pretty(std::string_view compact) {
  std::string out;
  mq::mqsub::append_pretty_json(compact, out);
  return out;
}

}  // namespace

TEST_CASE("mqsub::append_pretty_json") {
  SUBCASE("cJSON's layout: tabs, key:<TAB>value, one member per line") {
    CHECK(pretty(R"({"a":1,"b":"x"})") == "{\n\t\"a\":\t1,\n\t\"b\":\t\"x\"\n}");
  }
  SUBCASE("nested objects indent one more tab; arrays stay on one line") {
    CHECK(pretty(R"({"o":{"k":[1,2,{"z":null}]}})") ==
          "{\n\t\"o\":\t{\n\t\t\"k\":\t[1, 2, {\n\t\t\t\t\"z\":\tnull\n\t\t\t}]\n\t}\n}");
  }
  SUBCASE("empty containers") {
    CHECK(pretty("{}") == "{\n}");
    CHECK(pretty(R"({"e":{},"a":[]})") == "{\n\t\"e\":\t{\n\t},\n\t\"a\":\t[]\n}");
  }
  SUBCASE("structure inside strings is copied as is, escapes included") {
    CHECK(pretty(R"({"s":"{a,b:[c]} \"q\" \\"})") == "{\n\t\"s\":\t\"{a,b:[c]} \\\"q\\\" \\\\\"\n}");
  }
  SUBCASE("appends to what is there") {
    std::string out = "topic ";
    mq::mqsub::append_pretty_json("[true]", out);
    CHECK(out == "topic [true]");
  }
}
