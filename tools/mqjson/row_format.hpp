#pragma once
// One output row from the values of the fields, byte-identical to jq 1.6:
//   single  one field: `jq -r PATH` (strings raw, other values like `jq -c`, missing as null)
//   tsv     `jq -r '[F1,F2]|@tsv'`: strings with \t \n \r \\ escaped, null and missing empty
//   csv     `jq -r '[F1,F2]|@csv'`: strings quoted with "" for ", null and missing empty
//   json    `jq -c '{"F1":F1,"F2":F2}'`: keys are the labels (name=path) or the paths as written
// Where jq refuses (an array or object in a @tsv or @csv row is an error in jq), we put the value's compact
// JSON text in the cell, escaped or quoted like a string.
#include <span>
#include <string>
#include <string_view>

#include "mqjson/field_value.hpp"
#include "mqjson/json_document.hpp"

namespace mq::mqjson {

enum class RowFormat { single, tsv, csv, json };

class RowFormatter {
 public:
  RowFormatter(RowFormat format, std::vector<std::string> labels);

  // `cells` has one value per field, in field order. `document` may be null when every cell is missing or
  // metadata. Appends the row without its terminator.
  void append_row(std::string& out, const JsonDocument* document, std::span<const FieldValue> cells);

 private:
  void append_cell_text(const JsonDocument* document, const FieldValue& value);

  RowFormat format_;
  std::vector<std::string> labels_;
  std::string cell_;  // reused: a cell's text before TSV/CSV escaping
};

// A value as compact JSON (metadata strings quoted jq's way; missing as null).
void append_value_json(std::string& out, const JsonDocument* document, const FieldValue& value);

}  // namespace mq::mqjson
