#pragma once
// A parsed JSON text as a flat tape of nodes that point back into the text: no copies of strings or
// numbers, no allocation per document once the tape has grown (parse() reuses its capacity), and the exact
// text of every number kept for printing. Nodes are in document order; a container's `end` is the index
// one past its last descendant, so a subtree is skipped in O(1). Object members are a key node (a string)
// followed by the value's subtree.
//
// The grammar is RFC 8259, strictly: no comments, no trailing commas, no raw control characters in
// strings, well-formed UTF-8 only (no overlong forms, no surrogates), and \u escapes of surrogates must
// pair up. The parser is iterative, so nesting is limited by depth_limit, not by the stack.
#include <cstdint>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

namespace mq::mqjson {

enum class JsonKind : std::uint8_t { null_value, false_value, true_value, number, string, array, object };

struct JsonNode {
  JsonKind kind = JsonKind::null_value;
  bool has_escapes = false;  // strings: the text holds backslash escapes and must be decoded
  std::uint32_t begin = 0;   // byte offset of the text (strings: just after the opening quote)
  std::uint32_t length = 0;  // scalars: bytes of text (strings: between the quotes)
  std::uint32_t end = 0;     // tape index one past this node's subtree
  std::uint32_t count = 0;   // arrays: elements; objects: members
};

struct JsonParseError {
  std::size_t offset = 0;   // byte offset from 0 where the problem was found
  std::string_view reason;  // a fixed text, so reporting an error allocates nothing
};

class JsonDocument {
 public:
  // jq 1.6 stops at 256 levels; we allow more, and stop well before anything could run out of stack in the
  // recursive printers (the parser itself does not recurse).
  static constexpr std::size_t depth_limit = 1024;

  // `text` must stay alive and unchanged while the document is used.
  tl::expected<void, JsonParseError> parse(std::string_view text);

  const JsonNode& node(std::uint32_t index) const { return tape_[index]; }
  std::uint32_t root() const { return 0; }
  std::string_view text_of(const JsonNode& node) const { return text_.substr(node.begin, node.length); }

 private:
  std::uint32_t push(JsonKind kind, std::size_t begin);

  std::string_view text_;
  std::vector<JsonNode> tape_;
  std::vector<std::uint32_t> open_containers_;
};

// Length of the well-formed UTF-8 sequence starting at bytes[0], or 0 when it is not one.
std::size_t utf8_sequence_length(std::string_view bytes) noexcept;

}  // namespace mq::mqjson
