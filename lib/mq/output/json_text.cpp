#include "mq/output/json_text.hpp"

#include <array>
#include <cstddef>

namespace mq::output {
namespace {

// Length of the valid UTF-8 sequence starting at bytes[at], or 0 when the bytes there are not one.
std::size_t utf8_sequence_length(std::string_view bytes, std::size_t at) noexcept {
  const auto byte = [&](std::size_t index) { return static_cast<unsigned char>(bytes[index]); };
  const unsigned char lead = byte(at);
  const std::size_t remaining = bytes.size() - at;
  const auto is_continuation = [&](std::size_t index) { return (byte(index) & 0xC0U) == 0x80U; };
  if (lead < 0x80U) return 1;
  if (lead >= 0xC2U && lead <= 0xDFU) {
    return remaining >= 2 && is_continuation(at + 1) ? 2 : 0;
  }
  if (lead >= 0xE0U && lead <= 0xEFU) {
    if (remaining < 3 || !is_continuation(at + 1) || !is_continuation(at + 2)) return 0;
    const unsigned char second = byte(at + 1);
    if (lead == 0xE0U && second < 0xA0U) return 0;   // overlong
    if (lead == 0xEDU && second >= 0xA0U) return 0;  // UTF-16 surrogate halves
    return 3;
  }
  if (lead >= 0xF0U && lead <= 0xF4U) {
    if (remaining < 4 || !is_continuation(at + 1) || !is_continuation(at + 2) || !is_continuation(at + 3)) {
      return 0;
    }
    const unsigned char second = byte(at + 1);
    if (lead == 0xF0U && second < 0x90U) return 0;   // overlong
    if (lead == 0xF4U && second >= 0x90U) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

// What to write for each ASCII byte: 0 = copy, 'u' = \u00xx, anything else = that letter after a backslash.
constexpr std::array<char, 128> ascii_escapes = [] {
  std::array<char, 128> table{};
  for (std::size_t c = 0; c < 0x20; ++c) table[c] = 'u';
  table['\b'] = 'b';
  table['\f'] = 'f';
  table['\n'] = 'n';
  table['\r'] = 'r';
  table['\t'] = 't';
  table['"'] = '"';
  table['\\'] = '\\';
  return table;
}();

void append_ascii_escape(std::string& out, unsigned char c) {
  static constexpr char hex_digits[] = "0123456789abcdef";
  const char escape = ascii_escapes[c];
  out.push_back('\\');
  if (escape == 'u') {
    out.append("u00");
    out.push_back(hex_digits[c >> 4U]);
    out.push_back(hex_digits[c & 0xFU]);
  } else {
    out.push_back(escape);
  }
}

// Shared loop: copies runs of plain bytes in one append, escapes the rest. Returns false on the first invalid
// UTF-8 byte when `lossy` is false.
bool append_escaped(std::string& out, std::string_view bytes, bool lossy) {
  std::size_t run_start = 0;
  std::size_t at = 0;
  while (at < bytes.size()) {
    const auto c = static_cast<unsigned char>(bytes[at]);
    if (c < 0x80U) {
      if (ascii_escapes[c] == 0) {
        ++at;
        continue;
      }
      out.append(bytes.data() + run_start, at - run_start);
      append_ascii_escape(out, c);
      run_start = ++at;
      continue;
    }
    const std::size_t length = utf8_sequence_length(bytes, at);
    if (length != 0) {
      at += length;
      continue;
    }
    if (!lossy) return false;
    out.append(bytes.data() + run_start, at - run_start);
    out.append("\\ufffd");
    run_start = ++at;
  }
  out.append(bytes.data() + run_start, at - run_start);
  return true;
}

}  // namespace

bool is_valid_utf8(std::string_view bytes) noexcept {
  std::size_t at = 0;
  while (at < bytes.size()) {
    const std::size_t length = utf8_sequence_length(bytes, at);
    if (length == 0) return false;
    at += length;
  }
  return true;
}

bool append_json_string_if_utf8(std::string& out, std::string_view bytes) {
  const std::size_t mark = out.size();
  out.push_back('"');
  if (!append_escaped(out, bytes, false)) {
    out.resize(mark);
    return false;
  }
  out.push_back('"');
  return true;
}

void append_json_string_lossy(std::string& out, std::string_view bytes) {
  out.push_back('"');
  append_escaped(out, bytes, true);
  out.push_back('"');
}

void append_base64(std::string& out, std::string_view bytes) {
  static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const auto byte = [&](std::size_t index) -> std::uint32_t {
    return static_cast<unsigned char>(bytes[index]);
  };
  std::size_t at = 0;
  for (; at + 3 <= bytes.size(); at += 3) {
    const std::uint32_t group = (byte(at) << 16U) | (byte(at + 1) << 8U) | byte(at + 2);
    out.push_back(alphabet[(group >> 18U) & 63U]);
    out.push_back(alphabet[(group >> 12U) & 63U]);
    out.push_back(alphabet[(group >> 6U) & 63U]);
    out.push_back(alphabet[group & 63U]);
  }
  const std::size_t tail = bytes.size() - at;
  if (tail == 0) return;
  std::uint32_t group = byte(at) << 16U;
  if (tail == 2) group |= byte(at + 1) << 8U;
  out.push_back(alphabet[(group >> 18U) & 63U]);
  out.push_back(alphabet[(group >> 12U) & 63U]);
  out.push_back(tail == 2 ? alphabet[(group >> 6U) & 63U] : '=');
  out.push_back('=');
}

void append_decimal(std::string& out, std::uint64_t value) {
  char digits[20];
  std::size_t count = 0;
  do {
    digits[count++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  while (count != 0) out.push_back(digits[--count]);
}

}  // namespace mq::output
