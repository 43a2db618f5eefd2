#pragma once
// --where EXPR: which messages to keep. Parsed once into a small tree, evaluated per message.
//
//   EXPR  := OR
//   OR    := AND ("or" AND)*          precedence: not > and > or
//   AND   := NOT ("and" NOT)*
//   NOT   := "not" NOT | "(" OR ")" | "exists(" PATH ")" | OPERAND [OP OPERAND] | PATH "=~" "regex"
//   OP    := == != < <= > >=
//   OPERAND := PATH | number | "string" | true | false | null
//
// A path that selects several values ([]) matches when any of them does; a missing field compares as null.
// == and != compare any two values (numbers by value, strings by bytes, arrays and objects by their compact
// text); < <= > >= hold only between two numbers or two strings, never across types (unlike jq's total
// order, so `.temp > 80` is false for "hot"). A bare PATH holds when some value is neither null nor false.
// exists(PATH) holds when the path selects something, even null. =~ is an ECMAScript std::regex searched
// anywhere in a string value, in time linear in its length; back-references are refused.
#include <memory>
#include <regex>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

#include "mqjson/field_value.hpp"
#include "mqjson/json_document.hpp"
#include "mqjson/message_meta.hpp"
#include "mqjson/path.hpp"

namespace mq::mqjson {

enum class CompareOp : std::uint8_t { equal, not_equal, less, less_equal, greater, greater_equal };

struct WhereOperand {
  enum class Kind : std::uint8_t { path, number, string, true_value, false_value, null_value };
  Kind kind = Kind::null_value;
  Path path;
  std::string text;  // number: its text; string: decoded bytes
};

struct WhereNode {
  enum class Kind : std::uint8_t { compare, match, exists, truthy, all_of, any_of, negate };
  Kind kind = Kind::truthy;
  CompareOp op = CompareOp::equal;
  WhereOperand left;
  WhereOperand right;
  std::shared_ptr<const std::regex> regex;  // match
  std::vector<std::size_t> children;        // all_of, any_of, negate: indexes into the node list
};

class WhereExpression {
 public:
  // Errors read "column N: <why>" (columns count bytes from 1).
  static tl::expected<WhereExpression, std::string> parse(std::string_view text);

  // `document` is null when the payload did not parse.
  bool matches(const JsonDocument* document, const MessageMeta& meta);

  const std::vector<WhereNode>& nodes() const { return nodes_; }

 private:
  bool evaluate(std::size_t node, const JsonDocument* document, const MessageMeta& meta);
  bool compare(const WhereNode& node, const JsonDocument* document, const MessageMeta& meta);

  std::vector<WhereNode> nodes_;
  std::size_t root_ = 0;
  // Reused per message.
  std::vector<FieldValue> left_values_;
  std::vector<FieldValue> right_values_;
  std::string left_text_;
  std::string right_text_;
};

}  // namespace mq::mqjson
