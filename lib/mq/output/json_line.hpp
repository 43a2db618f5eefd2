#pragma once
// --json: one self-contained JSON object per message, made for `| jq`. Always valid JSON (and valid UTF-8)
// whatever the payload:
//   {"topic":"a/b","payload":"text" | "payload_base64":"AAEC","qos":1,"retain":false,"mid":7,
//    "time":"2026-11-25T10:00:00.123456Z","properties":{...}}
// "payload" when the payload is valid UTF-8, "payload_base64" when it is not; "mid" only at QoS > 0; "time"
// is the receive time, RFC 3339 UTC with microseconds; "properties" only when the message has v5 properties:
// content_type, correlation_data (or correlation_data_base64), message_expiry_interval,
// payload_format_indicator, response_topic, topic_alias, subscription_identifiers [..], user_properties
// [[name, value], ...] (pairs, because names may repeat).
#include <string>

#include "mq/output/message.hpp"

namespace mq::output {

// Appends the object without a trailing newline (the caller ends the line, as with render()).
void render_json_line(const Message& message, std::string& out);

}  // namespace mq::output
