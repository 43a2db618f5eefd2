#pragma once
// The 32 bytes every mqbench payload starts with, so a subscriber can measure latency, loss, duplicates
// and reordering per publisher without any shared state. Little-endian on the wire, whatever the host.
//   0  "MQB" magic, 3 bytes      3  flags (bit 0: warm-up message, not measured)
//   4  publisher id, u32         8  sequence number, u64 (0, 1, 2, ... per publisher)
//  16  intended send time, i64 ns since the Unix epoch (the open-loop schedule)
//  24  actual send time, i64 ns since the Unix epoch (just before the publish call)
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <tl/expected.hpp>

namespace mq::mqbench {

inline constexpr std::size_t payload_header_size = 32;

struct PayloadHeader {
  std::uint32_t publisher_id = 0;
  std::uint64_t sequence = 0;
  std::int64_t intended_ns = 0;
  std::int64_t sent_ns = 0;
  bool warmup = false;

  bool operator==(const PayloadHeader&) const = default;
};

// Writes the header into the first payload_header_size bytes of `payload` (which must be that long).
void encode_header(const PayloadHeader& header, std::span<char> payload);

// Reads the header from the start of a received payload; anything else (too short, wrong magic, unknown
// flags) is an error naming the fault, so foreign messages on the topic are counted, not misread.
tl::expected<PayloadHeader, std::string> decode_header(std::string_view payload);

}  // namespace mq::mqbench
