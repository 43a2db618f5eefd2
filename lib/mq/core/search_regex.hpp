#pragma once
// Regular expressions searched in data that comes from the network (mqsub --grep, mqjson --where =~),
// compiled so that no input can overflow the stack. libstdc++'s default matcher backtracks recursively,
// one stack level per character a repetition takes: a 20 KB payload against "(a|b)*c" crashed the tool
// (found by fuzz_mqjson_where, then reproduced in mqsub --grep). Its polynomial mode (a libstdc++ extension:
// breadth-first, no back-references) matching the whole text against ANY*(?:PATTERN)ANY* answers "does it
// occur anywhere" in one pass with bounded stack.
#include <regex>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

namespace mq {

enum class RegexSyntax { ecmascript, posix_extended };

// The error is why the pattern is refused, e.g. "back-references are not supported" or std::regex's text.
tl::expected<std::regex, std::string> compile_search_regex(const std::string& pattern, RegexSyntax syntax);

// True when the pattern given to compile_search_regex occurs anywhere in `text`.
bool search_regex(const std::regex& compiled, std::string_view text);

}  // namespace mq
