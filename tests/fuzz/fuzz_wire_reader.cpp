// The wire client's packet reader and the parsers of what a broker sends (CONNACK, acknowledgements,
// PUBLISH, SUBACK, DISCONNECT), all three protocol versions. The first byte picks the read size (low six
// bits, plus one) and a 64-byte packet limit (bit 6) so the oversize refusal is reached too; the rest is the
// byte stream. The stream is read in those chunks and again in one piece: both readings must give the same
// packets.
#include <string>
#include <vector>

#include "fuzz_input.hpp"
#include "mq/wire/codec.hpp"

namespace {

using mq::ProtocolVersion;
using mq::wire::PacketType;

struct Received {
  PacketType type;
  std::uint8_t flags;
  std::string body;
  bool operator==(const Received&) const = default;
};

struct Reading {
  std::vector<Received> packets;
  bool failed = false;
  bool operator==(const Reading&) const = default;
};

void parse_as_every_version(const mq::wire::Packet& packet) {
  for (const auto version : {ProtocolVersion::v31, ProtocolVersion::v311, ProtocolVersion::v5}) {
    switch (packet.type) {
      case PacketType::connack: {
        const auto connack = mq::wire::parse_connack(packet.body, version);
        mq::fuzz::require(connack || !connack.error().empty(), "a CONNACK error has a message");
        break;
      }
      case PacketType::puback:
      case PacketType::pubrec:
      case PacketType::pubrel:
      case PacketType::pubcomp: {
        const auto ack = mq::wire::parse_ack(packet.body, version);
        if (!ack) {
          mq::fuzz::require(!ack.error().empty(), "an acknowledgement error has a message");
          break;
        }
        mq::fuzz::require(ack->packet_id != 0, "an accepted acknowledgement has a packet id");
        if (packet.body.size() == 2) {
          // The two-byte form is what we send ourselves: it encodes back to the same body.
          std::string encoded;
          mq::wire::append_ack(encoded, packet.type, ack->packet_id);
          mq::fuzz::require(std::string_view(encoded).substr(2) == packet.body,
                            "an acknowledgement encodes back");
        }
        break;
      }
      case PacketType::publish: {
        const auto incoming = mq::wire::parse_publish(packet.flags, packet.body, version);
        if (!incoming) {
          mq::fuzz::require(!incoming.error().empty(), "a PUBLISH error has a message");
          break;
        }
        mq::fuzz::require(incoming->qos >= 0 && incoming->qos <= 2, "an accepted PUBLISH has QoS 0 to 2");
        mq::fuzz::require((incoming->qos == 0) == (incoming->packet_id == 0), "packet id exactly from QoS 1");
        // Topic and payload are views into the body, in that order, and never past its end.
        const auto inside = [&](std::string_view part) {
          return part.empty() || (part.data() >= packet.body.data() &&
                                  part.data() + part.size() <= packet.body.data() + packet.body.size());
        };
        mq::fuzz::require(inside(incoming->topic) && inside(incoming->payload), "topic and payload lie in the body");
        break;
      }
      case PacketType::suback: {
        const auto suback = mq::wire::parse_suback(packet.body, version);
        if (!suback) {
          mq::fuzz::require(!suback.error().empty(), "a SUBACK error has a message");
          break;
        }
        mq::fuzz::require(suback->packet_id != 0 && !suback->reason_codes.empty(),
                          "an accepted SUBACK has a packet id and reason codes");
        break;
      }
      case PacketType::disconnect: {
        const auto disconnect = mq::wire::parse_disconnect(packet.body, version);
        mq::fuzz::require(disconnect || !disconnect.error().empty(), "a DISCONNECT error has a message");
        break;
      }
      default:
        break;
    }
  }
}

// Reads `stream` `chunk` bytes at a time, parsing each packet as it comes; stops at the first malformed one.
Reading read_stream(std::string_view stream, std::size_t chunk, std::size_t max_packet_bytes) {
  mq::wire::PacketReader reader(max_packet_bytes);
  Reading reading;
  for (std::size_t at = 0; at < stream.size() && !reading.failed; at += chunk) {
    const auto piece = stream.substr(at, chunk);
    piece.copy(reader.space(piece.size()), piece.size());
    reader.commit(piece.size());
    for (;;) {
      const auto packet = reader.next();
      if (!packet) {
        mq::fuzz::require(!packet.error().empty(), "a reader error has a message");
        reading.failed = true;
        break;
      }
      if (!*packet) break;
      const auto& found = **packet;
      mq::fuzz::require(found.body.size() < max_packet_bytes, "a packet fits the limit");
      mq::fuzz::require(found.type != PacketType{0}, "packet type 0 is refused");
      parse_as_every_version(found);
      reading.packets.push_back({found.type, found.flags, std::string(found.body)});
    }
  }
  return reading;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t chunk = 1 + (data[0] & 0x3Fu);
  const std::size_t max_packet_bytes = (data[0] & 0x40u) != 0 ? 64 : 1 << 20;
  const std::string_view stream = mq::fuzz::as_text(data + 1, size - 1);
  const auto chunked = read_stream(stream, chunk, max_packet_bytes);
  const auto whole = read_stream(stream, stream.size() + 1, max_packet_bytes);
  mq::fuzz::require(chunked == whole, "the packets do not depend on how the reads split the stream");
  return 0;
}
