#pragma once
// mosquitto_sub's %j and %J: one JSON object per message, keys in mosquitto 2.0's order:
// {"tst":"...","topic":"...","qos":0,"retain":0,"payloadlen":5[,"mid":1][,"properties":{...}],"payload":...}
#include <string>

#include "mq/output/message.hpp"
#include "mq/output/time_text.hpp"

namespace mq::output {

enum class EnvelopePayload {
  escaped_string,  // %j
  inline_json,     // %J
};

// `time.local` must be filled (fill_local_time).
void append_json_envelope(std::string& out, const Message& message, const SplitTime& time,
                          EnvelopePayload payload_mode);

}  // namespace mq::output
