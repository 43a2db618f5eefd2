#include "mqjson/jq_number.hpp"

#include <array>
#include <charconv>
#include <cstdint>
#include <system_error>

namespace mq::mqjson {
namespace {

// A decimal as sign, significant digits (no leading or trailing zeros) and the position of the decimal
// point relative to the first digit: value = 0.DIGITS x 10^point. Zero has no digits.
struct Decimal {
  bool negative = false;
  std::array<char, 40> digits{};
  std::size_t digit_count = 0;
  long point = 0;
  bool too_long = false;  // more significant digits than a double can need: never exact
};

void add_digit(Decimal& decimal, char digit) {
  if (decimal.digit_count == decimal.digits.size()) {
    decimal.too_long = true;
    return;
  }
  decimal.digits[decimal.digit_count++] = digit;
}

// Normalises the text of a JSON number.
Decimal decimal_of_text(std::string_view text) {
  Decimal decimal;
  std::size_t pos = 0;
  if (text[pos] == '-') {
    decimal.negative = true;
    ++pos;
  }
  long point = 0;
  bool seen_nonzero = false;
  bool in_fraction = false;
  std::size_t pending_zeros = 0;  // zeros after the last non-zero digit; dropped if nothing follows
  for (; pos < text.size(); ++pos) {
    const char c = text[pos];
    if (c == '.') {
      in_fraction = true;
      continue;
    }
    if (c == 'e' || c == 'E') break;
    if (!in_fraction) ++point;
    if (c == '0') {
      if (!seen_nonzero) {
        --point;  // a leading zero moves the point left
      } else {
        ++pending_zeros;
      }
      continue;
    }
    seen_nonzero = true;
    for (; pending_zeros > 0; --pending_zeros) add_digit(decimal, '0');
    add_digit(decimal, c);
  }
  long exponent = 0;
  if (pos < text.size()) {
    ++pos;
    bool exponent_negative = false;
    if (text[pos] == '+' || text[pos] == '-') exponent_negative = text[pos++] == '-';
    for (; pos < text.size(); ++pos) {
      if (exponent < 1'000'000) exponent = exponent * 10 + (text[pos] - '0');
    }
    if (exponent_negative) exponent = -exponent;
  }
  decimal.point = seen_nonzero ? point + exponent : 0;
  return decimal;
}

// From std::to_chars' shortest scientific form, "d.ddde+XX".
Decimal decimal_of_shortest(std::string_view scientific) {
  Decimal decimal;
  std::size_t pos = 0;
  if (scientific[pos] == '-') {
    decimal.negative = true;
    ++pos;
  }
  for (; pos < scientific.size() && scientific[pos] != 'e'; ++pos)
    if (scientific[pos] != '.') add_digit(decimal, scientific[pos]);
  long exponent = 0;
  std::from_chars(scientific.data() + pos + 1 + (scientific[pos + 1] == '+' ? 1 : 0),
                  scientific.data() + scientific.size(), exponent);
  while (decimal.digit_count > 0 && decimal.digits[decimal.digit_count - 1] == '0') --decimal.digit_count;
  decimal.point = decimal.digit_count == 0 ? 0 : exponent + 1;
  return decimal;
}

bool same_value(const Decimal& a, const Decimal& b) {
  if (a.too_long || b.too_long) return false;
  if (a.negative != b.negative || a.digit_count != b.digit_count || a.point != b.point) return false;
  return std::string_view(a.digits.data(), a.digit_count) == std::string_view(b.digits.data(), b.digit_count);
}

// jq's jvp_dtoa_fmt layout of shortest digits: exponent form when the point is far left or far right.
void append_jq_layout(std::string& out, const Decimal& decimal) {
  if (decimal.negative) out.push_back('-');
  if (decimal.digit_count == 0) {
    out.push_back('0');
    return;
  }
  const std::string_view digits(decimal.digits.data(), decimal.digit_count);
  const long digit_count = static_cast<long>(decimal.digit_count);
  const long point = decimal.point;
  if (point <= -4 || point > digit_count + 15) {
    out.push_back(digits[0]);
    if (digits.size() > 1) {
      out.push_back('.');
      out.append(digits.substr(1));
    }
    long exponent = point - 1;
    out.push_back('e');
    out.push_back(exponent < 0 ? '-' : '+');
    if (exponent < 0) exponent = -exponent;
    if (exponent < 10) out.push_back('0');
    std::array<char, 8> buffer{};
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), exponent);
    out.append(buffer.data(), result.ptr);
  } else if (point <= 0) {
    out.append("0.");
    out.append(static_cast<std::size_t>(-point), '0');
    out.append(digits);
  } else if (point >= digit_count) {
    out.append(digits);
    out.append(static_cast<std::size_t>(point - digit_count), '0');
  } else {
    out.append(digits.substr(0, static_cast<std::size_t>(point)));
    out.push_back('.');
    out.append(digits.substr(static_cast<std::size_t>(point)));
  }
}

// Plain integers of up to 15 digits are exact doubles and jq prints them as written.
bool is_short_integer(std::string_view text) {
  const std::size_t digits_start = text[0] == '-' ? 1 : 0;
  if (text.size() - digits_start > 15) return false;
  for (std::size_t i = digits_start; i < text.size(); ++i)
    if (text[i] < '0' || text[i] > '9') return false;
  return true;
}

int compare_magnitude(const Decimal& a, const Decimal& b) {
  if (a.digit_count == 0 || b.digit_count == 0) return (a.digit_count > 0) - (b.digit_count > 0);
  if (a.point != b.point) return a.point < b.point ? -1 : 1;
  const int compared = std::string_view(a.digits.data(), a.digit_count)
                           .compare(std::string_view(b.digits.data(), b.digit_count));
  return (compared > 0) - (compared < 0);
}

int compare_as_doubles(std::string_view left, std::string_view right) {
  double a = 0;
  double b = 0;
  std::from_chars(left.data(), left.data() + left.size(), a);
  std::from_chars(right.data(), right.data() + right.size(), b);
  return (a > b) - (a < b);
}

}  // namespace

int compare_json_numbers(std::string_view left, std::string_view right) {
  const Decimal a = decimal_of_text(left);
  const Decimal b = decimal_of_text(right);
  if (a.too_long || b.too_long) return compare_as_doubles(left, right);
  const bool a_negative = a.negative && a.digit_count > 0;
  const bool b_negative = b.negative && b.digit_count > 0;
  if (a_negative != b_negative) return a_negative ? -1 : 1;
  const int magnitude = compare_magnitude(a, b);
  return a_negative ? -magnitude : magnitude;
}

void append_jq_number(std::string& out, std::string_view text) {
  if (is_short_integer(text)) {
    out.append(text);
    return;
  }
  double value = 0;
  const auto parsed = std::from_chars(text.data(), text.data() + text.size(), value);
  if (parsed.ec != std::errc()) {  // out of a double's range: jq would print DBL_MAX or 0
    out.append(text);
    return;
  }
  std::array<char, 64> buffer{};
  const auto printed =
      std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, std::chars_format::scientific);
  const Decimal shortest = decimal_of_shortest(std::string_view(buffer.data(), printed.ptr));
  if (!same_value(shortest, decimal_of_text(text))) {
    out.append(text);
    return;
  }
  append_jq_layout(out, shortest);
}

}  // namespace mq::mqjson
