#pragma once
// %J inserts a payload into the envelope as JSON. mosquitto parses it with cJSON and prints it back
// compactly; we validate and compact it in one pass without building a tree.
#include <string>
#include <string_view>

namespace mq::output {

// If `text` is exactly one JSON value (RFC 8259, surrounding whitespace allowed), appends it without
// insignificant whitespace and returns true; otherwise leaves `out` as it was and returns false.
// Strings are re-escaped the way cJSON prints them ("\u00e9" and "\/" become "é" and "/"), so common payloads
// come out byte-identical to mosquitto_sub. Deliberate differences from cJSON, which loses data:
// numbers are kept exactly as written (cJSON turns 1.0 into 1, 123456789012345678901 into
// 1.2345678901234568e+20 and 1e400 into null), and the grammar is strict (cJSON accepts "01").
// Raw control characters inside strings are accepted and escaped, as cJSON does.
bool append_compact_json(std::string& out, std::string_view text);

}  // namespace mq::output
