#pragma once
// "..." literals in paths and --where expressions, with JSON's escapes.
#include <string>
#include <string_view>
#include <tl/expected.hpp>

namespace mq::mqjson {

struct StringLiteral {
  std::string value;       // decoded bytes
  std::size_t length = 0;  // bytes of source text used, quotes included
};

// `text` starts at the opening quote. Errors read "column N: <why>" with columns counted from
// `column_base` (the column of text[0]).
tl::expected<StringLiteral, std::string> parse_string_literal(std::string_view text, std::size_t column_base);

}  // namespace mq::mqjson
