#pragma once
// Building blocks for writing JSON by hand into a reused string: the per-message paths (%j, --json) must not
// allocate or go through a DOM, and must never emit invalid UTF-8 whatever bytes arrive.
#include <cstdint>
#include <string>
#include <string_view>

namespace mq::output {

// True when `bytes` is well-formed UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view bytes) noexcept;

// Appends `bytes` as a quoted JSON string if they are valid UTF-8 and returns true; otherwise leaves `out`
// exactly as it was and returns false, so the caller can fall back to base64 without scanning twice.
// Escapes like cJSON (mosquitto's %j): \" \\ \b \f \n \r \t, other control characters as \u00xx; DEL and
// non-ASCII characters are copied as they are.
bool append_json_string_if_utf8(std::string& out, std::string_view bytes);

// Appends `bytes` as a quoted JSON string, replacing each byte that is not part of valid UTF-8 with U+FFFD.
// For fields that have no base64 alternative (topics, property names and values).
void append_json_string_lossy(std::string& out, std::string_view bytes);

// Appends standard base64 (RFC 4648, with padding), unquoted.
void append_base64(std::string& out, std::string_view bytes);

// Appends the decimal digits of `value`.
void append_decimal(std::string& out, std::uint64_t value);

// "key": (the key is one of ours: plain ASCII, nothing to escape).
inline void append_json_key(std::string& out, std::string_view key) {
  out.push_back('"');
  out.append(key);
  out.append("\":");
}

}  // namespace mq::output
