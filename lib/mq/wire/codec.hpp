#pragma once
// MQTT 3.1, 3.1.1 and 5 packets as bytes, for the publish path that talks to the socket itself (see
// wire/client.hpp for why). Encoders append to a caller's buffer so a burst of messages goes out in one
// write; the decoder takes bytes as they arrive and hands back whole packets, refusing malformed ones.
// What a publishing or subscribing client sends or receives is here: CONNECT, PUBLISH and its
// acknowledgements, SUBSCRIBE, PINGREQ, DISCONNECT out; CONNACK, PUBLISH, acknowledgements, SUBACK, PINGRESP,
// DISCONNECT in.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <tl/expected.hpp>

#include "mq/core/connection_options.hpp"
#include "mq/core/message_properties.hpp"
#include "mq/core/property_args.hpp"
#include "mq/core/publish_client.hpp"
#include "mq/core/subscribe_client.hpp"

namespace mq::wire {

enum class PacketType : std::uint8_t {
  connect = 1,
  connack = 2,
  publish = 3,
  puback = 4,
  pubrec = 5,
  pubrel = 6,
  pubcomp = 7,
  subscribe = 8,
  suback = 9,
  unsubscribe = 10,
  unsuback = 11,
  pingreq = 12,
  pingresp = 13,
  disconnect = 14,
  auth = 15,
};

// --- Encoding (all append to `out`) ---

// CONNECT for `connection` (version, clean session/start, keepalive, will with its properties and delay,
// password, -D connect properties; session expiry from -D connect, else from -x) with this client's id and
// user name.
void append_connect(std::string& out, const ResolvedConnection& connection, std::string_view client_id,
                    const std::optional<std::string>& username);

// PUBLISH. `properties` is ignored below MQTT 5; under MQTT 5 a null pointer is an empty property list.
// packet_id is ignored at QoS 0.
void append_publish(std::string& out, ProtocolVersion version, std::string_view topic, std::string_view payload,
                    int qos, bool retain, bool dup, std::uint16_t packet_id, const MessageProperties* properties);

// PUBACK, PUBREC, PUBREL, PUBCOMP: the two-byte form (reason code 0 is left out, as MQTT 5 allows).
// PUBREL carries the fixed-header flags 0b0010 that MQTT requires.
void append_ack(std::string& out, PacketType type, std::uint16_t packet_id);

// SUBSCRIBE for these filters. Below MQTT 5 only each filter's QoS is sent (no options, no properties).
void append_subscribe(std::string& out, ProtocolVersion version, std::uint16_t packet_id,
                      const std::vector<Subscription>& subscriptions,
                      std::optional<std::uint32_t> subscription_identifier,
                      const std::vector<std::pair<std::string, std::string>>& user_properties);

void append_pingreq(std::string& out);

// DISCONNECT: MQTT 5 with the reason code and -D disconnect properties; below 5 the bare two bytes.
void append_disconnect(std::string& out, ProtocolVersion version, int reason_code,
                       const DisconnectProperties& properties);

// --- Decoding ---

struct Packet {
  PacketType type{};
  std::uint8_t flags = 0;  // the low four bits of the first byte
  std::string_view body;   // what follows the fixed header; valid until the next call on the reader
};

// Collects received bytes and cuts them into packets.
class PacketReader {
 public:
  // Packets bigger than this (fixed header included) are refused: we told the broker nothing smaller, but a
  // peer that sends a 256 MiB packet to a publisher is broken, and we must not allocate for it.
  explicit PacketReader(std::size_t max_packet_bytes = 1 << 20) : max_packet_bytes_(max_packet_bytes) {}

  // Where the next read(2) may write, at least `bytes` long; commit() says how many arrived.
  char* space(std::size_t bytes);
  void commit(std::size_t bytes);

  // The next whole packet, nullopt when more bytes are needed, or why the stream is malformed (a Remaining
  // Length over four bytes, a packet over the limit, packet type 0). After an error the reader is unusable.
  tl::expected<std::optional<Packet>, std::string> next();

 private:
  std::string buffer_;
  std::size_t start_ = 0;  // first unconsumed byte
  std::size_t end_ = 0;    // one past the last received byte
  std::size_t max_packet_bytes_;
};

struct Connack {
  bool session_present = false;
  int reason_code = 0;  // MQTT 3 return code (0-5) or MQTT 5 reason code
  ConnectResult result;
  std::optional<std::string> reason_string;
};
tl::expected<Connack, std::string> parse_connack(std::string_view body, ProtocolVersion version);

// PUBACK, PUBREC, PUBREL, PUBCOMP.
struct Ack {
  std::uint16_t packet_id = 0;
  int reason_code = 0;  // 0 when absent (MQTT 3, or MQTT 5's short form)
  std::optional<std::string> reason_string;
};
tl::expected<Ack, std::string> parse_ack(std::string_view body, ProtocolVersion version);

// An incoming PUBLISH. Topic and payload point into the packet body (valid until the reader's next call).
// An empty topic with a topic alias is left to the client, which holds the alias table.
struct IncomingPublish {
  int qos = 0;
  bool retain = false;
  bool dup = false;
  std::uint16_t packet_id = 0;  // 0 at QoS 0
  std::string_view topic;
  std::string_view payload;
  MessageProperties properties;  // MQTT 5
};
tl::expected<IncomingPublish, std::string> parse_publish(std::uint8_t flags, std::string_view body,
                                                         ProtocolVersion version);

// One reason code (granted QoS, or a refusal >= 0x80) per filter of the SUBSCRIBE.
struct Suback {
  std::uint16_t packet_id = 0;
  std::vector<int> reason_codes;
  std::optional<std::string> reason_string;
};
tl::expected<Suback, std::string> parse_suback(std::string_view body, ProtocolVersion version);

struct Disconnect {
  int reason_code = 0;
  std::optional<std::string> reason_string;
};
tl::expected<Disconnect, std::string> parse_disconnect(std::string_view body, ProtocolVersion version);

}  // namespace mq::wire
