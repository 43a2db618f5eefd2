// mqjson field paths (.a.b[0], /a/b, $topic[1], $prop.x): the first line is the path, the rest the payload
// it is evaluated against; every selected value is printed the ways mqjson prints rows.
#include <array>
#include <string>
#include <vector>

#include "fuzz_input.hpp"
#include "mq/core/message_properties.hpp"
#include "mqjson/field_value.hpp"
#include "mqjson/path.hpp"
#include "mqjson/row_format.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto [path_text, payload] = mq::fuzz::split_first_line(mq::fuzz::as_text(data, size));
  const auto path = mq::mqjson::parse_path(path_text, 1);
  if (!path) {
    mq::fuzz::require(path.error().starts_with("column "), "an error names its column");
    return 0;
  }
  // The same path inside a longer text reports columns from there.
  (void)mq::mqjson::parse_path(path_text, 17);

  mq::mqjson::JsonDocument document;
  const bool parsed = document.parse(payload).has_value();
  mq::MessageProperties properties;
  properties.content_type = "text/plain";
  properties.user_properties = {{"unit", "celsius"}};
  mq::mqjson::MessageMeta meta;
  meta.known = true;
  meta.topic = "site/a/sensor";
  meta.qos = 2;
  meta.message_id = 7;
  meta.time = "2024-01-02T03:04:05.000006Z";
  meta.properties = &properties;

  std::vector<mq::mqjson::FieldValue> values;
  mq::mqjson::evaluate_path(*path, parsed ? &document : nullptr, meta, values);
  mq::fuzz::require(path->iterates() || values.size() == 1, "a path without [] selects exactly one value");
  std::string out;
  for (const auto format : {mq::mqjson::RowFormat::single, mq::mqjson::RowFormat::tsv,
                            mq::mqjson::RowFormat::csv, mq::mqjson::RowFormat::json}) {
    mq::mqjson::RowFormatter formatter(format, {path->text});
    for (const auto& value : values) {
      out.clear();
      formatter.append_row(out, parsed ? &document : nullptr, std::span(&value, 1));
    }
  }
  for (const auto& value : values) {
    out.clear();
    mq::mqjson::append_value_json(out, parsed ? &document : nullptr, value);
    mq::mqjson::JsonDocument printed;
    mq::fuzz::require(printed.parse(out).has_value(), "a value printed as JSON parses");
  }
  return 0;
}
