#include "mqjson/row_format.hpp"

#include <fmt/format.h>

#include "mqjson/jq_text.hpp"

namespace mq::mqjson {
namespace {

bool is_null_like(const JsonDocument* document, const FieldValue& value) {
  if (value.kind == FieldValue::Kind::missing) return true;
  return value.kind == FieldValue::Kind::node && document->node(value.node).kind == JsonKind::null_value;
}

bool is_string_like(const JsonDocument* document, const FieldValue& value) {
  if (value.kind == FieldValue::Kind::bytes) return true;
  return value.kind == FieldValue::Kind::node && document->node(value.node).kind == JsonKind::string;
}

bool is_composite(const JsonDocument* document, const FieldValue& value) {
  if (value.kind != FieldValue::Kind::node) return false;
  const JsonKind kind = document->node(value.node).kind;
  return kind == JsonKind::array || kind == JsonKind::object;
}

void append_tsv_escaped(std::string& out, std::string_view text) {
  for (const char c : text) {
    switch (c) {
      case '\t':
        out.append("\\t");
        break;
      case '\n':
        out.append("\\n");
        break;
      case '\r':
        out.append("\\r");
        break;
      case '\\':
        out.append("\\\\");
        break;
      default:
        out.push_back(c);
    }
  }
}

void append_csv_quoted(std::string& out, std::string_view text) {
  out.push_back('"');
  for (const char c : text) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

}  // namespace

void append_value_json(std::string& out, const JsonDocument* document, const FieldValue& value) {
  switch (value.kind) {
    case FieldValue::Kind::missing:
      out.append("null");
      return;
    case FieldValue::Kind::node:
      append_compact(out, *document, value.node);
      return;
    case FieldValue::Kind::bytes:
      append_jq_quoted(out, value.bytes);
      return;
    case FieldValue::Kind::integer:
      fmt::format_to(std::back_inserter(out), "{}", value.integer);
      return;
    case FieldValue::Kind::boolean:
      out.append(value.boolean ? "true" : "false");
      return;
  }
}

RowFormatter::RowFormatter(RowFormat format, std::vector<std::string> labels)
    : format_(format), labels_(std::move(labels)) {}

// Strings as their decoded bytes, everything else as compact JSON.
void RowFormatter::append_cell_text(const JsonDocument* document, const FieldValue& value) {
  cell_.clear();
  if (value.kind == FieldValue::Kind::bytes) {
    cell_.append(value.bytes);
  } else if (value.kind == FieldValue::Kind::node && document->node(value.node).kind == JsonKind::string) {
    const JsonNode& node = document->node(value.node);
    append_decoded_string(cell_, document->text_of(node), node.has_escapes);
  } else {
    append_value_json(cell_, document, value);
  }
}

void RowFormatter::append_row(std::string& out, const JsonDocument* document,
                              std::span<const FieldValue> cells) {
  switch (format_) {
    case RowFormat::single: {
      append_cell_text(document, cells[0]);
      out.append(cell_);
      return;
    }
    case RowFormat::tsv:
    case RowFormat::csv: {
      for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i > 0) out.push_back(format_ == RowFormat::tsv ? '\t' : ',');
        if (is_null_like(document, cells[i])) continue;
        append_cell_text(document, cells[i]);
        const bool quote = format_ == RowFormat::csv &&
                           (is_string_like(document, cells[i]) || is_composite(document, cells[i]));
        if (format_ == RowFormat::tsv) {
          append_tsv_escaped(out, cell_);
        } else if (quote) {
          append_csv_quoted(out, cell_);
        } else {
          out.append(cell_);
        }
      }
      return;
    }
    case RowFormat::json: {
      out.push_back('{');
      for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i > 0) out.push_back(',');
        append_jq_quoted(out, labels_[i]);
        out.push_back(':');
        append_value_json(out, document, cells[i]);
      }
      out.push_back('}');
      return;
    }
  }
}

}  // namespace mq::mqjson
