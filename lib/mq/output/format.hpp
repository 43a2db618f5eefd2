#pragma once
// mosquitto_sub's -F output language, parsed once and rendered per message.
//
//   %<flags><width>.<precision><code>   a message field: %t topic, %p payload, %x/%X hex, %j JSON, ...
//   @<c>                                 strftime %<c> of the receive time (local); @N nanoseconds; @@ '@'
//   \<c>                                 escapes \\ \0 \a \e \n \r \t \v
//
// Output is byte-identical to mosquitto_sub 2.0.11 wherever that is deterministic, plus mosquitto 2.1's %f,
// %d and grouped hex (%.2x, %.2:x). Where mosquitto is wrong we differ on purpose; each case is documented at
// the code that does it (format.cpp, json_envelope.cpp, compact_json.hpp, time_text.hpp).
//
// mosquitto_sub ends every message with a newline unless -N is given. render() does not: the caller appends
// '\n' (or nothing for -N), so mqpub --rr and mqjson can reuse formats without fighting over terminators.
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

#include "mq/output/message.hpp"

namespace mq::output {

// printf-like modifiers between '%' and the code letter. Which ones a code honours follows mosquitto
// (see the table in format.cpp); the rest are accepted and ignored, as mosquitto does.
struct FormatSpec {
  bool left_align = false;   // '-'
  bool zero_pad = false;     // '0'
  int width = 0;             // 0 = none
  int precision = -1;        // -1 = none; ".": 0
  char hex_separator = ' ';  // %.N<c>x: character between groups of N hex digits
};

struct FormatPart {
  enum class Kind { literal, field, time };
  Kind kind = Kind::literal;
  char code = 0;     // field: the letter after '%'; time: the strftime letter after '@' ('N' = nanoseconds)
  FormatSpec spec;   // field only
  std::string text;  // literal: the bytes to copy; %f/%d: the printf pattern built at parse time
};

struct Format {
  std::vector<FormatPart> parts;
  bool needs_local_time = false;  // any %I, %j, %J or @ code: render() calls localtime_r only then
};

// Errors name the offending code and its 1-based byte position, e.g.
// "unknown format code '%k' at position 3 (see the -F codes in mqsub(1))".
tl::expected<Format, std::string> parse_format(std::string_view text);

// Appends one message rendered with `format` to `out` (no trailing newline, see above). Allocates only when
// `out` has to grow.
void render(const Format& format, const Message& message, std::string& out);

}  // namespace mq::output
