#include "mqjson/envelope.hpp"

#include <fmt/format.h>

#include <charconv>

#include "mqjson/jq_text.hpp"

namespace mq::mqjson {
namespace {

int base64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

template <typename Number>
bool read_number(const JsonDocument& document, std::uint32_t index, Number& out) {
  const JsonNode& node = document.node(index);
  if (node.kind != JsonKind::number) return false;
  const std::string_view text = document.text_of(node);
  const auto parsed = std::from_chars(text.data(), text.data() + text.size(), out);
  return parsed.ec == std::errc() && parsed.ptr == text.data() + text.size();
}

bool read_string(const JsonDocument& document, std::uint32_t index, std::string& out) {
  const JsonNode& node = document.node(index);
  if (node.kind != JsonKind::string) return false;
  out.clear();
  append_decoded_string(out, document.text_of(node), node.has_escapes);
  return true;
}

template <typename Visit>
void for_each_member(const JsonDocument& document, std::uint32_t object, Visit&& visit) {
  const JsonNode& node = document.node(object);
  for (std::uint32_t member = object + 1; member < node.end; member = document.node(member + 1).end) {
    const JsonNode& key = document.node(member);
    visit(document.text_of(key), member + 1);  // mqsub writes plain keys: no escapes to decode
  }
}

}  // namespace

bool decode_base64(std::string_view text, std::string& out) {
  out.clear();
  std::uint32_t bits = 0;
  int bit_count = 0;
  std::size_t end = text.size();
  while (end > 0 && text[end - 1] == '=') --end;
  for (std::size_t i = 0; i < end; ++i) {
    const int value = base64_value(text[i]);
    if (value < 0) return false;
    bits = (bits << 6) | static_cast<std::uint32_t>(value);
    bit_count += 6;
    if (bit_count >= 8) {
      bit_count -= 8;
      out.push_back(static_cast<char>((bits >> bit_count) & 0xFF));
    }
  }
  return true;
}

tl::expected<void, std::string> EnvelopeReader::read(std::string_view line) {
  if (auto parsed = document_.parse(line); !parsed)
    return tl::unexpected(
        fmt::format("invalid envelope at byte {}: {}", parsed.error().offset, parsed.error().reason));
  const std::uint32_t root = document_.root();
  if (document_.node(root).kind != JsonKind::object)
    return tl::unexpected(std::string("envelope is not an object"));

  meta_ = MessageMeta{};
  meta_.known = true;
  topic_.clear();
  time_.clear();
  properties_ = MessageProperties{};
  bool has_payload = false;
  bool well_typed = true;
  for_each_member(document_, root, [&](std::string_view key, std::uint32_t value) {
    if (key == "topic") {
      well_typed &= read_string(document_, value, topic_);
    } else if (key == "payload") {
      has_payload = read_string(document_, value, payload_);
      well_typed &= has_payload;
    } else if (key == "payload_base64") {
      has_payload = read_string(document_, value, scratch_) && decode_base64(scratch_, payload_);
      well_typed &= has_payload;
    } else if (key == "qos") {
      well_typed &= read_number(document_, value, meta_.qos);
    } else if (key == "mid") {
      well_typed &= read_number(document_, value, meta_.message_id);
    } else if (key == "retain") {
      const JsonKind kind = document_.node(value).kind;
      well_typed &= kind == JsonKind::true_value || kind == JsonKind::false_value;
      meta_.retained = kind == JsonKind::true_value;
    } else if (key == "time") {
      well_typed &= read_string(document_, value, time_);
    } else if (key == "properties" && document_.node(value).kind == JsonKind::object) {
      for_each_member(document_, value, [&](std::string_view name, std::uint32_t property) {
        std::string text;
        if (name == "content_type" && read_string(document_, property, text)) {
          properties_.content_type = text;
        } else if (name == "response_topic" && read_string(document_, property, text)) {
          properties_.response_topic = text;
        } else if (name == "correlation_data" && read_string(document_, property, text)) {
          properties_.correlation_data = text;
        } else if (name == "correlation_data_base64" && read_string(document_, property, scratch_) &&
                   decode_base64(scratch_, text)) {
          properties_.correlation_data = text;
        } else if (name == "message_expiry_interval") {
          std::uint32_t number = 0;
          if (read_number(document_, property, number)) properties_.message_expiry_interval = number;
        } else if (name == "payload_format_indicator") {
          std::uint8_t number = 0;
          if (read_number(document_, property, number)) properties_.payload_format_indicator = number;
        } else if (name == "topic_alias") {
          std::uint16_t number = 0;
          if (read_number(document_, property, number)) properties_.topic_alias = number;
        } else if (name == "subscription_identifiers" && document_.node(property).kind == JsonKind::array) {
          const JsonNode& list = document_.node(property);
          for (std::uint32_t element = property + 1; element < list.end;
               element = document_.node(element).end) {
            std::uint32_t number = 0;
            if (read_number(document_, element, number))
              properties_.subscription_identifiers.push_back(number);
          }
        } else if (name == "user_properties" && document_.node(property).kind == JsonKind::array) {
          const JsonNode& list = document_.node(property);
          for (std::uint32_t pair = property + 1; pair < list.end; pair = document_.node(pair).end) {
            const JsonNode& entry = document_.node(pair);
            if (entry.kind != JsonKind::array || entry.count != 2) continue;
            std::string user_key;
            std::string user_value;
            if (read_string(document_, pair + 1, user_key) && read_string(document_, pair + 2, user_value))
              properties_.user_properties.emplace_back(std::move(user_key), std::move(user_value));
          }
        }
      });
    }
  });
  if (!well_typed) return tl::unexpected(std::string("envelope has a field of the wrong type"));
  if (!has_payload) return tl::unexpected(std::string("envelope has no payload"));
  meta_.topic = topic_;
  meta_.time = time_;
  meta_.properties = &properties_;
  return {};
}

}  // namespace mq::mqjson
