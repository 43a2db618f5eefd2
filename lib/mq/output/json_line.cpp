#include "mq/output/json_line.hpp"

#include "mq/output/json_text.hpp"
#include "mq/output/time_text.hpp"

namespace mq::output {
namespace {

// "name":"text" when `bytes` is UTF-8, otherwise "name_base64":"..." — one pass in the common case.
void append_text_or_base64(std::string& out, std::string_view name, std::string_view bytes) {
  const std::size_t mark = out.size();
  append_json_key(out, name);
  if (append_json_string_if_utf8(out, bytes)) return;
  out.resize(mark);
  out.push_back('"');
  out.append(name);
  out.append("_base64\":\"");
  append_base64(out, bytes);
  out.push_back('"');
}

void append_line_properties(std::string& out, const MessageProperties& properties) {
  out.append(",\"properties\":{");
  const std::size_t first_member = out.size();
  const auto separate = [&] {
    if (out.size() != first_member) out.push_back(',');
  };
  if (properties.content_type) {
    separate();
    append_json_key(out, "content_type");
    append_json_string_lossy(out, *properties.content_type);
  }
  if (properties.correlation_data) {
    separate();
    append_text_or_base64(out, "correlation_data", *properties.correlation_data);
  }
  if (properties.message_expiry_interval) {
    separate();
    append_json_key(out, "message_expiry_interval");
    append_decimal(out, *properties.message_expiry_interval);
  }
  if (properties.payload_format_indicator) {
    separate();
    append_json_key(out, "payload_format_indicator");
    append_decimal(out, *properties.payload_format_indicator);
  }
  if (properties.response_topic) {
    separate();
    append_json_key(out, "response_topic");
    append_json_string_lossy(out, *properties.response_topic);
  }
  if (properties.topic_alias) {
    separate();
    append_json_key(out, "topic_alias");
    append_decimal(out, *properties.topic_alias);
  }
  if (!properties.subscription_identifiers.empty()) {
    separate();
    append_json_key(out, "subscription_identifiers");
    out.push_back('[');
    for (const std::uint32_t identifier : properties.subscription_identifiers) {
      append_decimal(out, identifier);
      out.push_back(',');
    }
    out.back() = ']';
  }
  if (!properties.user_properties.empty()) {
    separate();
    append_json_key(out, "user_properties");
    out.push_back('[');
    for (const auto& [name, value] : properties.user_properties) {
      out.push_back('[');
      append_json_string_lossy(out, name);
      out.push_back(',');
      append_json_string_lossy(out, value);
      out.append("],");
    }
    out.back() = ']';
  }
  out.push_back('}');
}

}  // namespace

void render_json_line(const Message& message, std::string& out) {
  out.append("{\"topic\":");
  append_json_string_lossy(out, message.topic);
  out.push_back(',');
  append_text_or_base64(out, "payload", message.payload);
  out.append(",\"qos\":");
  append_decimal(out, static_cast<std::uint64_t>(message.qos));
  out.append(message.retained ? ",\"retain\":true" : ",\"retain\":false");
  if (message.qos > 0) {
    out.append(",\"mid\":");
    append_decimal(out, static_cast<std::uint64_t>(message.message_id));
  }
  out.append(",\"time\":\"");
  append_rfc3339_utc_micros(out, split_time(message.received_at));
  out.push_back('"');
  if (!message.properties.empty()) append_line_properties(out, message.properties);
  out.push_back('}');
}

}  // namespace mq::output
