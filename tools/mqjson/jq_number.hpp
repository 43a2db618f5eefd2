#pragma once
// Numbers as jq 1.6 prints them, where that is exact.
//
// jq 1.6 turns every number into a double and prints the shortest digits that read back as that double:
// 1.10 -> 1.1, 1e2 -> 100, 1e17 -> 1e+17, 0.00001 -> 1e-05. We print the same text whenever it denotes the
// same decimal value as the text in the payload, so outputs stay byte-identical to jq's. Where jq would
// change the value (12345678901234567890 -> 12345678901234567000, 9007199254740993 -> 9007199254740992,
// 1e400 -> 1.7976931348623157e+308, 0.1000000000000000055511 -> 0.1) we print the number exactly as
// written instead: 64-bit integers and any round-tripping double keep their exact value.
#include <string>
#include <string_view>

namespace mq::mqjson {

// `text` must be a valid JSON number.
void append_jq_number(std::string& out, std::string_view text);

// Compares two valid JSON numbers by their exact decimal value (-1, 0, 1): 12345678901234567890 is greater
// than 12345678901234567000 although both read as the same double. Beyond 40 significant digits the
// comparison falls back to doubles.
int compare_json_numbers(std::string_view left, std::string_view right);

}  // namespace mq::mqjson
