#pragma once
// Values of a parsed document as jq 1.6 prints them: `jq -c` for compact JSON, `jq -r` for raw strings.
// jq's string escaping: \" \\ \b \f \n \r \t, other control characters and DEL as \u00xx (lower-case hex),
// "/" and everything non-ASCII as is. Objects with repeated keys print as jq stores them: each key once, at
// its first position, with the value of its last occurrence.
#include <cstdint>
#include <string>
#include <string_view>

#include "mqjson/json_document.hpp"

namespace mq::mqjson {

// Appends the decoded bytes of a string node's text (the part between the quotes).
void append_decoded_string(std::string& out, std::string_view raw, bool has_escapes);

// Appends a string node's text as a quoted JSON string escaped the jq way.
void append_jq_string_node(std::string& out, std::string_view raw, bool has_escapes);

// Appends arbitrary bytes as a quoted JSON string escaped the jq way; bytes that are not UTF-8 become
// U+FFFD, as jq does on input.
void append_jq_quoted(std::string& out, std::string_view bytes);

// Appends the subtree at `index` like `jq -c`.
void append_compact(std::string& out, const JsonDocument& document, std::uint32_t index);

// jq's view of an object member at tape index `member` (a key node) of the object at `object`: 0 when the
// key appeared earlier in the object (jq keeps one entry per key), else the index of the value of the key's
// last occurrence.
std::uint32_t jq_member_value(const JsonDocument& document, std::uint32_t object, std::uint32_t member);

// True when the key node's decoded text equals `key` (decoded bytes), without allocating.
bool key_equals(std::string_view raw, bool has_escapes, std::string_view key);

}  // namespace mq::mqjson
