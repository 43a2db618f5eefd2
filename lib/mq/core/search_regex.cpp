#include "mq/core/search_regex.hpp"

#include <fmt/format.h>

namespace mq {
namespace {

#if defined(__GLIBCXX__)
constexpr auto bounded_mode = std::regex_constants::__polynomial;
#else
constexpr auto bounded_mode = std::regex_constants::syntax_option_type{};
#endif

// libstdc++ reads the numbers of repetition counts ("{2,5}") and back-references ("\\1") into a long without
// checking for overflow (undefined behaviour, found by fuzz_mqjson_where); no useful regex has such numbers.
constexpr std::size_t max_number_digits = 9;

bool has_oversized_number(std::string_view regex) {
  const auto digits_from = [&](std::size_t pos) {
    std::size_t end = pos;
    while (end < regex.size() && regex[end] >= '0' && regex[end] <= '9') ++end;
    return end - pos;
  };
  for (std::size_t i = 0; i < regex.size(); ++i) {
    if (regex[i] == '\\') {
      if (digits_from(i + 1) > max_number_digits) return true;
      ++i;  // skip the escaped character: \{ is a brace, not a count
    } else if (regex[i] == '{') {
      const std::size_t low = digits_from(i + 1);
      const std::size_t comma = i + 1 + low;
      if (low > max_number_digits) return true;
      if (comma < regex.size() && regex[comma] == ',' && digits_from(comma + 1) > max_number_digits) return true;
    }
  }
  return false;
}

}  // namespace

tl::expected<std::regex, std::string> compile_search_regex(const std::string& pattern, RegexSyntax syntax) {
  if (has_oversized_number(pattern))
    return tl::make_unexpected(fmt::format("a count or back-reference over {} digits", max_number_digits));
  const auto grammar = syntax == RegexSyntax::ecmascript ? std::regex::ECMAScript : std::regex::extended;
  // nosubs: only "does it match" is asked, so groups need not be recorded (and the wrapper's are plain).
  const auto flags = grammar | std::regex::nosubs | bounded_mode;
  // "[^\n]|\n" is any byte, NUL and newline included, in both grammars ("." is not, in either).
  const std::string any = "([^\n]|\n)*";
  try {
    // Compiled alone first, so that text such as "a)|(b" cannot pass by closing the wrapper's group.
    (void)std::regex(pattern, flags);
    return std::regex(any + "(" + pattern + ")" + any, flags);
  } catch (const std::regex_error& failure) {
    // Valid without the bounded mode: the only thing that mode refuses is a back-reference.
    try {
      (void)std::regex(pattern, grammar);
      return tl::make_unexpected("back-references are not supported");
    } catch (const std::regex_error&) {
    }
    return tl::make_unexpected(failure.what());
  }
}

bool search_regex(const std::regex& compiled, std::string_view text) {
  return std::regex_match(text.begin(), text.end(), compiled);
}

}  // namespace mq
