#include "mqjson/json_document.hpp"

#include <cstring>
#include <limits>

namespace mq::mqjson {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Reads the four hex digits after "\u" at text[at]; -1 when they are not hex.
long read_hex4(std::string_view text, std::size_t at) {
  if (at + 4 > text.size()) return -1;
  long value = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    const int digit = hex_value(text[at + i]);
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

struct Cursor {
  std::string_view text;
  std::size_t pos = 0;

  void skip_space() {
    while (pos < text.size() && is_space(text[pos])) ++pos;
  }
  bool at_end() const { return pos >= text.size(); }
  char peek() const { return text[pos]; }
};

tl::unexpected<JsonParseError> fail(std::size_t offset, std::string_view reason) {
  return tl::unexpected(JsonParseError{offset, reason});
}

// Scans a string whose opening quote is at cursor.pos; leaves pos after the closing quote.
tl::expected<bool, JsonParseError> scan_string(Cursor& cursor) {
  const std::string_view text = cursor.text;
  std::size_t pos = cursor.pos + 1;
  bool has_escapes = false;
  for (;;) {
    // The common case: plain ASCII up to the closing quote.
    while (pos < text.size()) {
      const auto byte = static_cast<unsigned char>(text[pos]);
      if (byte < 0x20 || byte >= 0x80 || byte == '"' || byte == '\\') break;
      ++pos;
    }
    if (pos >= text.size()) return fail(text.size(), "unterminated string");
    const auto byte = static_cast<unsigned char>(text[pos]);
    if (byte == '"') {
      cursor.pos = pos + 1;
      return has_escapes;
    }
    if (byte < 0x20) return fail(pos, "control character in string (must be escaped)");
    if (byte >= 0x80) {
      const std::size_t length = utf8_sequence_length(text.substr(pos));
      if (length == 0) return fail(pos, "invalid UTF-8");
      pos += length;
      continue;
    }
    // A backslash escape.
    has_escapes = true;
    if (pos + 1 >= text.size()) return fail(text.size(), "unterminated string");
    const char escaped = text[pos + 1];
    if (std::strchr("\"\\/bfnrt", escaped) != nullptr && escaped != '\0') {
      pos += 2;
      continue;
    }
    if (escaped != 'u') return fail(pos, "invalid escape in string");
    const long unit = read_hex4(text, pos + 2);
    if (unit < 0) return fail(pos, "invalid \\u escape (needs four hex digits)");
    if (unit >= 0xDC00 && unit <= 0xDFFF) return fail(pos, "unpaired surrogate in \\u escape");
    if (unit >= 0xD800 && unit <= 0xDBFF) {
      const bool has_low = pos + 8 <= text.size() && text[pos + 6] == '\\' && text[pos + 7] == 'u';
      const long low = has_low ? read_hex4(text, pos + 8) : -1;
      if (low < 0xDC00 || low > 0xDFFF) return fail(pos, "unpaired surrogate in \\u escape");
      pos += 12;
      continue;
    }
    pos += 6;
  }
}

// Scans a number starting at cursor.pos (RFC 8259 grammar); leaves pos after it.
tl::expected<void, JsonParseError> scan_number(Cursor& cursor) {
  const std::string_view text = cursor.text;
  std::size_t pos = cursor.pos;
  if (text[pos] == '-') ++pos;
  if (pos >= text.size() || !is_digit(text[pos])) return fail(pos, "invalid number");
  if (text[pos] == '0') {
    ++pos;
  } else {
    while (pos < text.size() && is_digit(text[pos])) ++pos;
  }
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    if (pos >= text.size() || !is_digit(text[pos]))
      return fail(pos, "invalid number (digits must follow '.')");
    while (pos < text.size() && is_digit(text[pos])) ++pos;
  }
  if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
    ++pos;
    if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) ++pos;
    if (pos >= text.size() || !is_digit(text[pos]))
      return fail(pos, "invalid number (digits must follow the exponent)");
    while (pos < text.size() && is_digit(text[pos])) ++pos;
  }
  if (pos < text.size() && (is_digit(text[pos]) || text[pos] == '.'))
    return fail(pos, "invalid number (leading zeros are not allowed)");
  cursor.pos = pos;
  return {};
}

}  // namespace

std::size_t utf8_sequence_length(std::string_view bytes) noexcept {
  if (bytes.empty()) return 0;
  const auto at = [&](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
  const unsigned char lead = at(0);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned char second_min = 0x80;
  unsigned char second_max = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) second_min = 0xA0;  // overlong
    if (lead == 0xED) second_max = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) second_min = 0x90;  // overlong
    if (lead == 0xF4) second_max = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (bytes.size() < length) return 0;
  if (at(1) < second_min || at(1) > second_max) return 0;
  for (std::size_t i = 2; i < length; ++i)
    if (at(i) < 0x80 || at(i) > 0xBF) return 0;
  return length;
}

std::uint32_t JsonDocument::push(JsonKind kind, std::size_t begin) {
  const auto index = static_cast<std::uint32_t>(tape_.size());
  JsonNode& node = tape_.emplace_back();
  node.kind = kind;
  node.begin = static_cast<std::uint32_t>(begin);
  node.end = index + 1;
  return index;
}

tl::expected<void, JsonParseError> JsonDocument::parse(std::string_view text) {
  text_ = text;
  tape_.clear();
  open_containers_.clear();
  // Offsets are 32-bit to keep nodes small; MQTT payloads stop at 256 MiB anyway.
  if (text.size() >= std::numeric_limits<std::uint32_t>::max()) return fail(0, "document larger than 4 GiB");
  Cursor cursor{text, 0};
  cursor.skip_space();
  if (cursor.at_end()) return fail(cursor.pos, "empty document");

  for (;;) {
    // Here a value must start.
    if (cursor.at_end()) return fail(cursor.pos, "unexpected end of input (expected a value)");
    const char c = cursor.peek();
    const std::size_t start = cursor.pos;
    bool opened = false;
    if (c == '{' || c == '[') {
      if (open_containers_.size() >= depth_limit) return fail(start, "nesting deeper than 1024 levels");
      open_containers_.push_back(push(c == '{' ? JsonKind::object : JsonKind::array, start));
      ++cursor.pos;
      cursor.skip_space();
      opened = true;
    } else if (c == '"') {
      const std::uint32_t index = push(JsonKind::string, start + 1);
      auto escapes = scan_string(cursor);
      if (!escapes) return tl::unexpected(escapes.error());
      tape_[index].has_escapes = *escapes;
      tape_[index].length = static_cast<std::uint32_t>(cursor.pos - start - 2);
    } else if (c == '-' || is_digit(c)) {
      const std::uint32_t index = push(JsonKind::number, start);
      if (auto scanned = scan_number(cursor); !scanned) return tl::unexpected(scanned.error());
      tape_[index].length = static_cast<std::uint32_t>(cursor.pos - start);
    } else {
      static constexpr struct {
        std::string_view word;
        JsonKind kind;
      } literals[] = {
          {"true", JsonKind::true_value}, {"false", JsonKind::false_value}, {"null", JsonKind::null_value}};
      bool matched = false;
      for (const auto& literal : literals) {
        if (text.substr(start, literal.word.size()) == literal.word) {
          const std::uint32_t index = push(literal.kind, start);
          tape_[index].length = static_cast<std::uint32_t>(literal.word.size());
          cursor.pos += literal.word.size();
          matched = true;
          break;
        }
      }
      if (!matched) return fail(start, "unexpected character (expected a value)");
    }

    // An object's first key, or an empty container closing at once.
    if (opened) {
      JsonNode& container = tape_[open_containers_.back()];
      const char closer = container.kind == JsonKind::object ? '}' : ']';
      if (!cursor.at_end() && cursor.peek() == closer) {
        ++cursor.pos;
        container.end = static_cast<std::uint32_t>(tape_.size());
        open_containers_.pop_back();
      } else {
        if (container.kind == JsonKind::object) {
          if (cursor.at_end() || cursor.peek() != '"')
            return fail(cursor.pos, "expected a string key or '}'");
          goto key;
        }
        continue;
      }
    }

    // After a complete value: a separator, a closer, or the end of the document.
    for (;;) {
      cursor.skip_space();
      if (open_containers_.empty()) {
        if (!cursor.at_end()) return fail(cursor.pos, "unexpected data after the JSON value");
        return {};
      }
      JsonNode& container = tape_[open_containers_.back()];
      ++container.count;
      const bool is_object = container.kind == JsonKind::object;
      if (cursor.at_end()) return fail(cursor.pos, is_object ? "unterminated object" : "unterminated array");
      const char next = cursor.peek();
      if (next == ',') {
        ++cursor.pos;
        cursor.skip_space();
        if (!is_object) goto value;
        if (cursor.at_end() || cursor.peek() != '"') return fail(cursor.pos, "expected a string key");
        goto key;
      }
      if (next == (is_object ? '}' : ']')) {
        ++cursor.pos;
        container.end = static_cast<std::uint32_t>(tape_.size());
        open_containers_.pop_back();
        continue;
      }
      return fail(cursor.pos, is_object ? "expected ',' or '}'" : "expected ',' or ']'");
    }

  key : {
    const std::size_t key_start = cursor.pos;
    const std::uint32_t index = push(JsonKind::string, key_start + 1);
    auto escapes = scan_string(cursor);
    if (!escapes) return tl::unexpected(escapes.error());
    tape_[index].has_escapes = *escapes;
    tape_[index].length = static_cast<std::uint32_t>(cursor.pos - key_start - 2);
    cursor.skip_space();
    if (cursor.at_end() || cursor.peek() != ':') return fail(cursor.pos, "expected ':' after the key");
    ++cursor.pos;
    cursor.skip_space();
  }
  value:;
  }
}

}  // namespace mq::mqjson
