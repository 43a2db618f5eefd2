#pragma once
// MQTT reason codes and CONNACK return codes in words.
#include <string>

namespace mq {

// MQTT 5 reason code (any packet) in words, e.g. 135 -> "not authorized".
std::string reason_code_text(int reason_code);

// MQTT 3.1.1 CONNACK return code 1-5 in words, e.g. 5 -> "not authorized".
std::string connack_v3_text(int return_code);

// A hint for the user for a CONNACK refusal, or empty.
std::string connack_hint(int code, int protocol_version);

}  // namespace mq
