#pragma once
// --build: one compact JSON object from key=value words, ready for `mqpub`.
//   key=value   typed: a JSON number (as written), true, false, null, or else a string;
//               @now (RFC 3339 UTC with milliseconds), @epoch (seconds), @epoch_ms (milliseconds)
//   key:=JSON   raw JSON, validated and printed compactly
//   key@=text   always a string (key@=@now is the text "@now")
// Keys keep the order given; a dotted key nests (a.b=1 a.c=2 -> {"a":{"b":1,"c":2}}); a key given twice
// keeps its first position and takes the last value. A key cannot contain '=' and, outside :=, no '.'.
#include <chrono>
#include <span>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

namespace mq::mqjson {

// Errors name the word: "'a.=1': empty key segment".
tl::expected<std::string, std::string> build_object(std::span<const std::string_view> words,
                                                    std::chrono::system_clock::time_point now);

// Splits a --build -l input line into words at spaces and tabs. Quotes group as in a shell: nothing is
// special inside single quotes; inside double quotes a backslash escapes a double quote or a backslash.
tl::expected<std::vector<std::string>, std::string> split_words(std::string_view line);

}  // namespace mq::mqjson
