#include "mq/core/packet_size.hpp"

namespace mq {
namespace {

std::uint64_t variable_byte_integer_size(std::uint64_t value) {
  std::uint64_t bytes = 1;
  while (value >= 128) {
    value /= 128;
    ++bytes;
  }
  return bytes;
}

// Identifier byte, then a two-byte length and the bytes.
std::uint64_t string_property_size(std::size_t bytes) { return 1 + 2 + bytes; }

}  // namespace

std::uint64_t encoded_properties_size(const MessageProperties& properties) {
  std::uint64_t size = 0;
  if (properties.payload_format_indicator) size += 1 + 1;
  if (properties.message_expiry_interval) size += 1 + 4;
  if (properties.topic_alias) size += 1 + 2;
  if (properties.content_type) size += string_property_size(properties.content_type->size());
  if (properties.response_topic) size += string_property_size(properties.response_topic->size());
  if (properties.correlation_data) size += string_property_size(properties.correlation_data->size());
  for (const auto& [key, value] : properties.user_properties) size += 1 + 2 + key.size() + 2 + value.size();
  for (const auto identifier : properties.subscription_identifiers)
    size += 1 + variable_byte_integer_size(identifier);
  return size;
}

PublishPacketSize publish_packet_size(std::size_t topic_bytes, std::size_t payload_bytes, int qos,
                                      const MessageProperties* properties) {
  std::uint64_t remaining = 2 + static_cast<std::uint64_t>(topic_bytes) + (qos > 0 ? 2 : 0) + payload_bytes;
  if (properties != nullptr) {
    const std::uint64_t content = encoded_properties_size(*properties);
    remaining += variable_byte_integer_size(content) + content;
  }
  return PublishPacketSize{remaining, 1 + variable_byte_integer_size(remaining) + remaining};
}

}  // namespace mq
