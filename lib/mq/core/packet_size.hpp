#pragma once
// The size of a PUBLISH packet on the wire. A message is checked against MQTT's own limit and the broker's
// Maximum Packet Size (MQTT 5 CONNACK) as a whole packet: topic, packet id and properties count too, and a
// broker that receives a bigger packet just closes the connection.
#include <cstddef>
#include <cstdint>

#include "mq/core/message_properties.hpp"

namespace mq {

// The largest Remaining Length a fixed header can encode (four bytes of variable byte integer).
inline constexpr std::uint64_t mqtt_max_remaining_length = 268'435'455;

struct PublishPacketSize {
  std::uint64_t remaining_length = 0;  // what follows the fixed header
  std::uint64_t total = 0;             // fixed header included: what Maximum Packet Size limits
};

// `properties` is null for MQTT 3.1.1 (no property section at all); for MQTT 5 an empty set still costs the
// one byte of its length.
PublishPacketSize publish_packet_size(std::size_t topic_bytes, std::size_t payload_bytes, int qos,
                                      const MessageProperties* properties);

// The bytes a PUBLISH property section's content takes (without its own length prefix).
std::uint64_t encoded_properties_size(const MessageProperties& properties);

}  // namespace mq
