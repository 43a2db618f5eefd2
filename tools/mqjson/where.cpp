#include "mqjson/where.hpp"

#include <fmt/format.h>

#include <cstring>

#include "mq/core/search_regex.hpp"
#include "mqjson/jq_number.hpp"
#include "mqjson/jq_text.hpp"
#include "mqjson/row_format.hpp"
#include "mqjson/string_literal.hpp"

namespace mq::mqjson {
namespace {

constexpr std::size_t nesting_limit = 64;

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

class Parser {
 public:
  Parser(std::string_view text, std::vector<WhereNode>& nodes) : text_(text), nodes_(nodes) {}

  tl::expected<std::size_t, std::string> parse_all() {
    auto root = parse_or(0);
    if (!root) return root;
    skip_space();
    if (pos_ < text_.size()) return error("unexpected text (expected 'and', 'or' or the end)");
    return root;
  }

 private:
  tl::unexpected<std::string> error(std::string_view why) const { return error_at(pos_, why); }
  tl::unexpected<std::string> error_at(std::size_t pos, std::string_view why) const {
    return tl::unexpected(fmt::format("column {}: {}", pos + 1, why));
  }

  void skip_space() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n')) ++pos_;
  }

  // True (and consumes it) when the next token is the keyword `word`.
  bool take_word(std::string_view word) {
    skip_space();
    if (text_.substr(pos_, word.size()) != word) return false;
    const std::size_t after = pos_ + word.size();
    if (after < text_.size() && is_word_char(text_[after])) return false;
    pos_ = after;
    return true;
  }

  std::size_t add(WhereNode node) {
    nodes_.push_back(std::move(node));
    return nodes_.size() - 1;
  }

  tl::expected<std::size_t, std::string> parse_chain(std::size_t depth, std::string_view keyword,
                                                     WhereNode::Kind kind) {
    auto first = kind == WhereNode::Kind::any_of ? parse_and(depth) : parse_not(depth);
    if (!first) return first;
    std::vector<std::size_t> children{*first};
    while (take_word(keyword)) {
      auto next = kind == WhereNode::Kind::any_of ? parse_and(depth) : parse_not(depth);
      if (!next) return next;
      children.push_back(*next);
    }
    if (children.size() == 1) return children.front();
    WhereNode node;
    node.kind = kind;
    node.children = std::move(children);
    return add(std::move(node));
  }

  tl::expected<std::size_t, std::string> parse_or(std::size_t depth) {
    if (depth > nesting_limit) return error("expression nested too deeply");
    return parse_chain(depth, "or", WhereNode::Kind::any_of);
  }
  tl::expected<std::size_t, std::string> parse_and(std::size_t depth) {
    return parse_chain(depth, "and", WhereNode::Kind::all_of);
  }

  tl::expected<std::size_t, std::string> parse_not(std::size_t depth) {
    if (depth > nesting_limit) return error("expression nested too deeply");
    if (take_word("not")) {
      auto inner = parse_not(depth + 1);
      if (!inner) return inner;
      WhereNode node;
      node.kind = WhereNode::Kind::negate;
      node.children = {*inner};
      return add(std::move(node));
    }
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == '(') {
      ++pos_;
      auto inner = parse_or(depth + 1);
      if (!inner) return inner;
      skip_space();
      if (pos_ >= text_.size() || text_[pos_] != ')') return error("expected ')'");
      ++pos_;
      return inner;
    }
    if (take_word("exists")) return parse_exists();
    return parse_comparison();
  }

  tl::expected<std::size_t, std::string> parse_exists() {
    skip_space();
    if (pos_ >= text_.size() || text_[pos_] != '(') return error("expected '(' after exists");
    ++pos_;
    skip_space();
    WhereNode node;
    node.kind = WhereNode::Kind::exists;
    auto operand = parse_operand();
    if (!operand) return tl::unexpected(operand.error());
    if (operand->kind != WhereOperand::Kind::path) return error("exists() takes a path");
    node.left = std::move(*operand);
    skip_space();
    if (pos_ >= text_.size() || text_[pos_] != ')') return error("expected ')' after the path");
    ++pos_;
    return add(std::move(node));
  }

  tl::expected<std::size_t, std::string> parse_comparison() {
    skip_space();
    const std::size_t left_pos = pos_;
    auto left = parse_operand();
    if (!left) return tl::unexpected(left.error());
    skip_space();
    static constexpr struct {
      std::string_view token;
      CompareOp op;
    } operators[] = {{"==", CompareOp::equal},      {"!=", CompareOp::not_equal},
                     {"<=", CompareOp::less_equal}, {">=", CompareOp::greater_equal},
                     {"<", CompareOp::less},        {">", CompareOp::greater}};
    WhereNode node;
    node.left = std::move(*left);
    if (text_.substr(pos_, 2) == "=~") {
      if (node.left.kind != WhereOperand::Kind::path)
        return error_at(left_pos, "=~ needs a path on its left");
      pos_ += 2;
      skip_space();
      const std::size_t regex_pos = pos_;
      if (pos_ >= text_.size() || text_[pos_] != '"') return error("expected a \"regex\" after =~");
      auto literal = parse_string_literal(text_.substr(pos_), pos_ + 1);
      if (!literal) return tl::unexpected(literal.error());
      pos_ += literal->length;
      // Bounded: the values come from the network (see mq/core/search_regex.hpp).
      auto compiled = compile_search_regex(literal->value, RegexSyntax::ecmascript);
      if (!compiled) return error_at(regex_pos, fmt::format("invalid regex: {}", compiled.error()));
      node.regex = std::make_shared<const std::regex>(std::move(*compiled));
      node.kind = WhereNode::Kind::match;
      return add(std::move(node));
    }
    for (const auto& entry : operators) {
      if (text_.substr(pos_, entry.token.size()) != entry.token) continue;
      pos_ += entry.token.size();
      skip_space();
      auto right = parse_operand();
      if (!right) return tl::unexpected(right.error());
      node.kind = WhereNode::Kind::compare;
      node.op = entry.op;
      node.right = std::move(*right);
      return add(std::move(node));
    }
    if (node.left.kind != WhereOperand::Kind::path)
      return error_at(left_pos, "a value alone is no condition (compare it with a path)");
    node.kind = WhereNode::Kind::truthy;
    return add(std::move(node));
  }

  // The extent of a path: up to a space or operator outside brackets and quotes.
  std::size_t path_end(std::size_t pos) const {
    int bracket_depth = 0;
    while (pos < text_.size()) {
      const char c = text_[pos];
      if (c == '"') {
        ++pos;
        while (pos < text_.size() && text_[pos] != '"') pos += text_[pos] == '\\' ? 2 : 1;
        ++pos;
        continue;
      }
      if (c == '[') ++bracket_depth;
      if (c == ']') --bracket_depth;
      if (bracket_depth <= 0 && std::strchr(" \t\n()=!<>", c) != nullptr) break;
      ++pos;
    }
    return std::min(pos, text_.size());
  }

  tl::expected<WhereOperand, std::string> parse_operand() {
    WhereOperand operand;
    if (pos_ >= text_.size()) return error("expected a path or a value");
    const char c = text_[pos_];
    if (c == '.' || c == '$' || c == '/') {
      const std::size_t end = path_end(pos_);
      auto path = parse_path(text_.substr(pos_, end - pos_), pos_ + 1);
      if (!path) return tl::unexpected(path.error());
      operand.kind = WhereOperand::Kind::path;
      operand.path = std::move(*path);
      pos_ = end;
      return operand;
    }
    if (c == '"') {
      auto literal = parse_string_literal(text_.substr(pos_), pos_ + 1);
      if (!literal) return tl::unexpected(literal.error());
      operand.kind = WhereOperand::Kind::string;
      operand.text = std::move(literal->value);
      pos_ += literal->length;
      return operand;
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      std::size_t end = pos_ + 1;
      while (end < text_.size() && std::strchr("0123456789.eE+-", text_[end]) != nullptr) ++end;
      const std::string_view number = text_.substr(pos_, end - pos_);
      JsonDocument check;
      if (!check.parse(number)) return error("invalid number");
      operand.kind = WhereOperand::Kind::number;
      operand.text = std::string(number);
      pos_ = end;
      return operand;
    }
    static constexpr struct {
      std::string_view word;
      WhereOperand::Kind kind;
    } words[] = {{"true", WhereOperand::Kind::true_value},
                 {"false", WhereOperand::Kind::false_value},
                 {"null", WhereOperand::Kind::null_value}};
    for (const auto& entry : words) {
      if (take_word(entry.word)) {
        operand.kind = entry.kind;
        return operand;
      }
    }
    return error("expected a path (.x, /x, $topic), a number, a \"string\", true, false or null");
  }

  std::string_view text_;
  std::vector<WhereNode>& nodes_;
  std::size_t pos_ = 0;
};

// A value reduced to what comparisons need. Strings, composites and metadata numbers point into a scratch
// string; numbers keep their text so that they compare exactly.
struct Comparable {
  enum class Kind : std::uint8_t { null_value, boolean, number, string, composite };
  Kind kind = Kind::null_value;
  bool flag = false;
  std::string_view text;  // number text, string bytes, composite compact JSON
};

Comparable number_comparable(std::string_view text) {
  Comparable comparable;
  comparable.kind = Comparable::Kind::number;
  comparable.text = text;
  return comparable;
}

Comparable comparable_of(const JsonDocument* document, const FieldValue& value, std::string& scratch) {
  Comparable comparable;
  switch (value.kind) {
    case FieldValue::Kind::missing:
      return comparable;
    case FieldValue::Kind::bytes:
      comparable.kind = Comparable::Kind::string;
      comparable.text = value.bytes;
      return comparable;
    case FieldValue::Kind::integer:
      scratch.clear();
      fmt::format_to(std::back_inserter(scratch), "{}", value.integer);
      return number_comparable(scratch);
    case FieldValue::Kind::boolean:
      comparable.kind = Comparable::Kind::boolean;
      comparable.flag = value.boolean;
      return comparable;
    case FieldValue::Kind::node:
      break;
  }
  const JsonNode& node = document->node(value.node);
  switch (node.kind) {
    case JsonKind::null_value:
      return comparable;
    case JsonKind::false_value:
    case JsonKind::true_value:
      comparable.kind = Comparable::Kind::boolean;
      comparable.flag = node.kind == JsonKind::true_value;
      return comparable;
    case JsonKind::number:
      return number_comparable(document->text_of(node));
    case JsonKind::string:
      scratch.clear();
      append_decoded_string(scratch, document->text_of(node), node.has_escapes);
      comparable.kind = Comparable::Kind::string;
      comparable.text = scratch;
      return comparable;
    case JsonKind::array:
    case JsonKind::object:
      scratch.clear();
      append_compact(scratch, *document, value.node);
      comparable.kind = Comparable::Kind::composite;
      comparable.text = scratch;
      return comparable;
  }
  return comparable;
}

// -1, 0, 1 for numbers and strings.
int order(const Comparable& left, const Comparable& right) {
  if (left.kind == Comparable::Kind::number) return compare_json_numbers(left.text, right.text);
  const int compared = left.text.compare(right.text);
  return (compared > 0) - (compared < 0);
}

bool holds(const Comparable& left, CompareOp op, const Comparable& right) {
  if (left.kind != right.kind) return op == CompareOp::not_equal;
  bool equal = false;
  switch (left.kind) {
    case Comparable::Kind::null_value:
      equal = true;
      break;
    case Comparable::Kind::boolean:
      equal = left.flag == right.flag;
      break;
    case Comparable::Kind::composite:
      equal = left.text == right.text;
      break;
    case Comparable::Kind::number:
    case Comparable::Kind::string: {
      const int compared = order(left, right);
      switch (op) {
        case CompareOp::equal:
          return compared == 0;
        case CompareOp::not_equal:
          return compared != 0;
        case CompareOp::less:
          return compared < 0;
        case CompareOp::less_equal:
          return compared <= 0;
        case CompareOp::greater:
          return compared > 0;
        case CompareOp::greater_equal:
          return compared >= 0;
      }
    }
  }
  if (op == CompareOp::equal) return equal;
  if (op == CompareOp::not_equal) return !equal;
  return false;
}

Comparable literal_comparable(const WhereOperand& operand) {
  Comparable comparable;
  switch (operand.kind) {
    case WhereOperand::Kind::number:
      return number_comparable(operand.text);
    case WhereOperand::Kind::string:
      comparable.kind = Comparable::Kind::string;
      comparable.text = operand.text;
      return comparable;
    case WhereOperand::Kind::true_value:
    case WhereOperand::Kind::false_value:
      comparable.kind = Comparable::Kind::boolean;
      comparable.flag = operand.kind == WhereOperand::Kind::true_value;
      return comparable;
    case WhereOperand::Kind::null_value:
    case WhereOperand::Kind::path:
      return comparable;
  }
  return comparable;
}

bool is_truthy(const JsonDocument* document, const FieldValue& value) {
  switch (value.kind) {
    case FieldValue::Kind::missing:
      return false;
    case FieldValue::Kind::boolean:
      return value.boolean;
    case FieldValue::Kind::node: {
      const JsonKind kind = document->node(value.node).kind;
      return kind != JsonKind::null_value && kind != JsonKind::false_value;
    }
    default:
      return true;
  }
}

}  // namespace

tl::expected<WhereExpression, std::string> WhereExpression::parse(std::string_view text) {
  WhereExpression expression;
  Parser parser(text, expression.nodes_);
  auto root = parser.parse_all();
  if (!root) return tl::unexpected(root.error());
  expression.root_ = *root;
  return expression;
}

bool WhereExpression::matches(const JsonDocument* document, const MessageMeta& meta) {
  return evaluate(root_, document, meta);
}

bool WhereExpression::evaluate(std::size_t index, const JsonDocument* document, const MessageMeta& meta) {
  const WhereNode& node = nodes_[index];
  switch (node.kind) {
    case WhereNode::Kind::all_of:
      for (const std::size_t child : node.children)
        if (!evaluate(child, document, meta)) return false;
      return true;
    case WhereNode::Kind::any_of:
      for (const std::size_t child : node.children)
        if (evaluate(child, document, meta)) return true;
      return false;
    case WhereNode::Kind::negate:
      return !evaluate(node.children.front(), document, meta);
    case WhereNode::Kind::exists:
      left_values_.clear();
      evaluate_path(node.left.path, document, meta, left_values_);
      for (const FieldValue& value : left_values_)
        if (value.kind != FieldValue::Kind::missing) return true;
      return false;
    case WhereNode::Kind::truthy:
      left_values_.clear();
      evaluate_path(node.left.path, document, meta, left_values_);
      for (const FieldValue& value : left_values_)
        if (is_truthy(document, value)) return true;
      return false;
    case WhereNode::Kind::match:
      left_values_.clear();
      evaluate_path(node.left.path, document, meta, left_values_);
      for (const FieldValue& value : left_values_) {
        const Comparable comparable = comparable_of(document, value, left_text_);
        if (comparable.kind != Comparable::Kind::string) continue;
        if (search_regex(*node.regex, comparable.text)) return true;
      }
      return false;
    case WhereNode::Kind::compare:
      return compare(node, document, meta);
  }
  return false;
}

bool WhereExpression::compare(const WhereNode& node, const JsonDocument* document, const MessageMeta& meta) {
  const bool left_is_path = node.left.kind == WhereOperand::Kind::path;
  const bool right_is_path = node.right.kind == WhereOperand::Kind::path;
  left_values_.clear();
  right_values_.clear();
  if (left_is_path) evaluate_path(node.left.path, document, meta, left_values_);
  if (right_is_path) evaluate_path(node.right.path, document, meta, right_values_);
  const std::size_t left_count = left_is_path ? left_values_.size() : 1;
  const std::size_t right_count = right_is_path ? right_values_.size() : 1;
  for (std::size_t i = 0; i < left_count; ++i) {
    const Comparable left =
        left_is_path ? comparable_of(document, left_values_[i], left_text_) : literal_comparable(node.left);
    for (std::size_t j = 0; j < right_count; ++j) {
      const Comparable right = right_is_path ? comparable_of(document, right_values_[j], right_text_)
                                             : literal_comparable(node.right);
      if (holds(left, node.op, right)) return true;
    }
  }
  return false;
}

}  // namespace mq::mqjson
