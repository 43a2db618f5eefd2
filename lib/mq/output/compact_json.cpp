#include "mq/output/compact_json.hpp"

#include <cstddef>
#include <cstdint>

#include "mq/output/json_text.hpp"

namespace mq::output {
namespace {

// cJSON's own nesting limit; deeper documents are refused rather than risking the stack.
constexpr int max_depth = 1000;

class Compactor {
 public:
  Compactor(std::string& out, std::string_view text) : out_(out), text_(text) {}

  bool run() {
    skip_whitespace();
    if (!value(0)) return false;
    skip_whitespace();
    return at_ == text_.size();
  }

 private:
  std::string& out_;
  std::string_view text_;
  std::size_t at_ = 0;
  std::string decoded_;  // one string's unescaped bytes, reused

  bool at_end() const { return at_ >= text_.size(); }
  char peek() const { return text_[at_]; }

  void skip_whitespace() {
    while (!at_end() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r')) ++at_;
  }

  bool literal(std::string_view word) {
    if (text_.substr(at_, word.size()) != word) return false;
    out_.append(word);
    at_ += word.size();
    return true;
  }

  bool value(int depth) {
    if (at_end()) return false;
    switch (peek()) {
      case '{':
        return object(depth + 1);
      case '[':
        return array(depth + 1);
      case '"':
        return string();
      case 't':
        return literal("true");
      case 'f':
        return literal("false");
      case 'n':
        return literal("null");
      default:
        return number();
    }
  }

  bool object(int depth) {
    if (depth > max_depth) return false;
    ++at_;
    out_.push_back('{');
    skip_whitespace();
    if (!at_end() && peek() == '}') {
      ++at_;
      out_.push_back('}');
      return true;
    }
    while (true) {
      skip_whitespace();
      if (at_end() || peek() != '"' || !string()) return false;
      skip_whitespace();
      if (at_end() || peek() != ':') return false;
      ++at_;
      out_.push_back(':');
      skip_whitespace();
      if (!value(depth)) return false;
      skip_whitespace();
      if (at_end()) return false;
      const char next = text_[at_++];
      out_.push_back(next);
      if (next == '}') return true;
      if (next != ',') return false;
    }
  }

  bool array(int depth) {
    if (depth > max_depth) return false;
    ++at_;
    out_.push_back('[');
    skip_whitespace();
    if (!at_end() && peek() == ']') {
      ++at_;
      out_.push_back(']');
      return true;
    }
    while (true) {
      skip_whitespace();
      if (!value(depth)) return false;
      skip_whitespace();
      if (at_end()) return false;
      const char next = text_[at_++];
      out_.push_back(next);
      if (next == ']') return true;
      if (next != ',') return false;
    }
  }

  bool digits() {
    const std::size_t start = at_;
    while (!at_end() && peek() >= '0' && peek() <= '9') ++at_;
    return at_ > start;
  }

  bool number() {
    const std::size_t start = at_;
    if (!at_end() && peek() == '-') ++at_;
    if (at_end()) return false;
    if (peek() == '0') {
      ++at_;
    } else if (!digits()) {
      return false;
    }
    if (!at_end() && peek() == '.') {
      ++at_;
      if (!digits()) return false;
    }
    if (!at_end() && (peek() == 'e' || peek() == 'E')) {
      ++at_;
      if (!at_end() && (peek() == '+' || peek() == '-')) ++at_;
      if (!digits()) return false;
    }
    out_.append(text_.substr(start, at_ - start));
    return true;
  }

  bool hex4(std::uint32_t& code) {
    if (text_.size() - at_ < 4) return false;
    code = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = text_[at_++];
      std::uint32_t nibble = 0;
      if (c >= '0' && c <= '9') {
        nibble = static_cast<std::uint32_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        nibble = static_cast<std::uint32_t>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        nibble = static_cast<std::uint32_t>(c - 'A' + 10);
      } else {
        return false;
      }
      code = (code << 4U) | nibble;
    }
    return true;
  }

  void append_utf8(std::uint32_t code) {
    const auto put = [&](std::uint32_t byte) { decoded_.push_back(static_cast<char>(byte)); };
    if (code < 0x80U) {
      put(code);
    } else if (code < 0x800U) {
      put(0xC0U | (code >> 6U));
      put(0x80U | (code & 0x3FU));
    } else if (code < 0x10000U) {
      put(0xE0U | (code >> 12U));
      put(0x80U | ((code >> 6U) & 0x3FU));
      put(0x80U | (code & 0x3FU));
    } else {
      put(0xF0U | (code >> 18U));
      put(0x80U | ((code >> 12U) & 0x3FU));
      put(0x80U | ((code >> 6U) & 0x3FU));
      put(0x80U | (code & 0x3FU));
    }
  }

  bool unicode_escape() {
    std::uint32_t code = 0;
    if (!hex4(code)) return false;
    if (code >= 0xDC00U && code <= 0xDFFFU) return false;  // a low surrogate cannot come first
    if (code >= 0xD800U && code <= 0xDBFFU) {
      std::uint32_t low = 0;
      if (text_.substr(at_, 2) != "\\u") return false;
      at_ += 2;
      if (!hex4(low) || low < 0xDC00U || low > 0xDFFFU) return false;
      code = 0x10000U + ((code - 0xD800U) << 10U) + (low - 0xDC00U);
    }
    append_utf8(code);
    return true;
  }

  bool string() {
    ++at_;
    // Most strings hold no escapes: hand the raw slice straight to the escaper, no copy.
    const std::size_t start = at_;
    while (!at_end() && peek() != '"' && peek() != '\\') ++at_;
    if (at_end()) return false;
    if (peek() == '"') {
      ++at_;
      return append_json_string_if_utf8(out_, text_.substr(start, at_ - 1 - start));
    }
    decoded_.assign(text_.substr(start, at_ - start));
    while (true) {
      if (at_end()) return false;
      const char c = text_[at_++];
      if (c == '"') break;
      if (c != '\\') {
        decoded_.push_back(c);
        continue;
      }
      if (at_end()) return false;
      const char escape = text_[at_++];
      switch (escape) {
        case '"':
        case '\\':
        case '/':
          decoded_.push_back(escape);
          break;
        case 'b':
          decoded_.push_back('\b');
          break;
        case 'f':
          decoded_.push_back('\f');
          break;
        case 'n':
          decoded_.push_back('\n');
          break;
        case 'r':
          decoded_.push_back('\r');
          break;
        case 't':
          decoded_.push_back('\t');
          break;
        case 'u':
          if (!unicode_escape()) return false;
          break;
        default:
          return false;
      }
    }
    return append_json_string_if_utf8(out_, decoded_);
  }
};

}  // namespace

bool append_compact_json(std::string& out, std::string_view text) {
  const std::size_t mark = out.size();
  Compactor compactor(out, text);
  if (compactor.run()) return true;
  out.resize(mark);
  return false;
}

}  // namespace mq::output
