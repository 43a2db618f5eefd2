#include "mq/output/json_envelope.hpp"

#include "mq/output/compact_json.hpp"
#include "mq/output/json_text.hpp"

namespace mq::output {
namespace {

void append_number_member(std::string& out, std::string_view key, std::uint64_t value) {
  append_json_key(out, key);
  append_decimal(out, value);
  out.push_back(',');
}

void append_string_member(std::string& out, std::string_view key, std::string_view value) {
  append_json_key(out, key);
  append_json_string_lossy(out, value);
  out.push_back(',');
}

// Keys and order as mosquitto 2.0.11 prints them for what the broker forwards (it lists the properties in the
// order they arrive; mosquitto 2.0 sends subscription identifiers first and the expiry interval last).
void append_envelope_properties(std::string& out, const MessageProperties& properties) {
  append_json_key(out, "properties");
  out.push_back('{');
  for (const std::uint32_t identifier : properties.subscription_identifiers) {
    append_number_member(out, "subscription-identifier", identifier);
  }
  if (properties.content_type) append_string_member(out, "content-type", *properties.content_type);
  if (properties.correlation_data) {
    // mosquitto writes correlation data as a string even when it is binary (and cuts it at the first NUL);
    // like the payload, we switch to a base64 field when it is not UTF-8.
    append_json_key(out, "correlation-data");
    if (append_json_string_if_utf8(out, *properties.correlation_data)) {
      out.push_back(',');
    } else {
      out.resize(out.size() - (sizeof "\"correlation-data\":" - 1));
      append_json_key(out, "correlation-data_base64");
      out.push_back('"');
      append_base64(out, *properties.correlation_data);
      out.append("\",");
    }
  }
  if (properties.payload_format_indicator) {
    append_number_member(out, "payload-format-indicator", *properties.payload_format_indicator);
  }
  if (properties.response_topic) append_string_member(out, "response-topic", *properties.response_topic);
  if (!properties.user_properties.empty()) {
    // An object with repeated keys, exactly as mosquitto prints it (user property names may repeat).
    append_json_key(out, "user-properties");
    out.push_back('{');
    for (const auto& [name, value] : properties.user_properties) {
      append_json_string_lossy(out, name);
      out.push_back(':');
      append_json_string_lossy(out, value);
      out.push_back(',');
    }
    out.back() = '}';
    out.push_back(',');
  }
  if (properties.message_expiry_interval) {
    append_number_member(out, "message-expiry-interval", *properties.message_expiry_interval);
  }
  if (properties.topic_alias) append_number_member(out, "topic-alias", *properties.topic_alias);
  out.back() = '}';
  out.push_back(',');
}

void append_payload(std::string& out, const std::string& payload, EnvelopePayload payload_mode) {
  append_json_key(out, "payload");
  if (payload.empty()) {
    out.append("null");
    return;
  }
  // %J with a payload that is not JSON: mosquitto prints an empty line (and an error on stderr); we fall back
  // to %j's escaped string so the line stays a complete, valid JSON object.
  if (payload_mode == EnvelopePayload::inline_json && append_compact_json(out, payload)) return;
  if (append_json_string_if_utf8(out, payload)) return;
  // Binary payload: mosquitto writes the raw bytes up to the first NUL into the string, which yields invalid
  // JSON or silently loses data. We write "payload_base64" instead of "payload".
  out.resize(out.size() - (sizeof "\"payload\":" - 1));
  append_json_key(out, "payload_base64");
  out.push_back('"');
  append_base64(out, payload);
  out.push_back('"');
}

}  // namespace

void append_json_envelope(std::string& out, const Message& message, const SplitTime& time,
                          EnvelopePayload payload_mode) {
  out.append("{\"tst\":\"");
  append_json_tst(out, time);
  out.append("\",");
  append_string_member(out, "topic", message.topic);
  append_number_member(out, "qos", static_cast<std::uint64_t>(message.qos));
  append_number_member(out, "retain", message.retained ? 1U : 0U);
  append_number_member(out, "payloadlen", message.payload.size());
  if (message.qos > 0) append_number_member(out, "mid", static_cast<std::uint64_t>(message.message_id));
  if (!message.properties.empty()) append_envelope_properties(out, message.properties);
  append_payload(out, message.payload, payload_mode);
  out.push_back('}');
}

}  // namespace mq::output
