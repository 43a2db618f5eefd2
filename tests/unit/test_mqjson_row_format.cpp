#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "mqjson/field_value.hpp"
#include "mqjson/path.hpp"
#include "mqjson/row_format.hpp"

using mq::mqjson::FieldValue;
using mq::mqjson::JsonDocument;
using mq::mqjson::RowFormat;
using mq::mqjson::RowFormatter;

namespace {

// One row for `paths` (none of them iterating) over `json`.
std::string row(RowFormat format, std::vector<std::string> paths, std::string_view json) {
  JsonDocument document;
  REQUIRE(document.parse(json));
  std::vector<FieldValue> cells;
  for (const auto& text : paths) {
    auto path = mq::mqjson::parse_path(text);
    REQUIRE(path);
    mq::mqjson::evaluate_path(*path, &document, {}, cells);
  }
  RowFormatter formatter(format, paths);
  std::string out;
  formatter.append_row(out, &document, cells);
  return out;
}

const std::string doc =
    R"({"s":"a\tb\nc\\d\re","q":"say \"hi\", ok","n":1.50,"b":false,"z":null,"a":[1,"x"],"u":"\u00e9"})";

}  // namespace

TEST_CASE("mqjson::RowFormatter single field like jq -r") {
  CHECK(row(RowFormat::single, {".s"}, doc) == "a\tb\nc\\d\re");
  CHECK(row(RowFormat::single, {".n"}, doc) == "1.5");
  CHECK(row(RowFormat::single, {".b"}, doc) == "false");
  CHECK(row(RowFormat::single, {".z"}, doc) == "null");
  CHECK(row(RowFormat::single, {".missing"}, doc) == "null");
  CHECK(row(RowFormat::single, {".a"}, doc) == R"([1,"x"])");
  CHECK(row(RowFormat::single, {".u"}, doc) == "\xc3\xa9");
}

TEST_CASE("mqjson::RowFormatter tsv like jq @tsv") {
  CHECK(row(RowFormat::tsv, {".s", ".n", ".b", ".z", ".missing", ".u"}, doc) ==
        "a\\tb\\nc\\\\d\\re\t1.5\tfalse\t\t\t\xc3\xa9");
  CHECK(row(RowFormat::tsv, {".a", ".q"}, doc) == "[1,\"x\"]\tsay \"hi\", ok");
}

TEST_CASE("mqjson::RowFormatter csv like jq @csv") {
  CHECK(row(RowFormat::csv, {".q", ".n", ".b", ".z", ".missing", ".s"}, doc) ==
        "\"say \"\"hi\"\", ok\",1.5,false,,,\"a\tb\nc\\d\re\"");
  CHECK(row(RowFormat::csv, {".a"}, doc) == R"("[1,""x""]")");
}

TEST_CASE("mqjson::RowFormatter json objects keyed by label") {
  CHECK(row(RowFormat::json, {".n", ".missing", ".a"}, doc) == R"({".n":1.5,".missing":null,".a":[1,"x"]})");
}
