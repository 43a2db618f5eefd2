#include "mqjson/string_literal.hpp"

#include <fmt/format.h>

#include "mqjson/jq_text.hpp"
#include "mqjson/json_document.hpp"

namespace mq::mqjson {

tl::expected<StringLiteral, std::string> parse_string_literal(std::string_view text,
                                                              std::size_t column_base) {
  std::size_t pos = 1;
  while (pos < text.size() && text[pos] != '"') pos += text[pos] == '\\' ? 2 : 1;
  if (pos >= text.size())
    return tl::unexpected(fmt::format("column {}: unterminated string literal", column_base));
  const std::string_view quoted = text.substr(0, pos + 1);
  JsonDocument document;
  if (auto parsed = document.parse(quoted); !parsed)
    return tl::unexpected(
        fmt::format("column {}: {}", column_base + parsed.error().offset, parsed.error().reason));
  StringLiteral literal;
  const JsonNode& node = document.node(document.root());
  append_decoded_string(literal.value, document.text_of(node), node.has_escapes);
  literal.length = quoted.size();
  return literal;
}

}  // namespace mq::mqjson
