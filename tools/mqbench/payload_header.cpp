#include "mqbench/payload_header.hpp"

#include <fmt/format.h>

namespace mq::mqbench {
namespace {

constexpr std::string_view magic = "MQB";
constexpr unsigned char flag_warmup = 0x01;

template <typename Unsigned>
void put(std::span<char> out, std::size_t offset, Unsigned value) {
  for (std::size_t i = 0; i < sizeof(Unsigned); ++i)
    out[offset + i] = static_cast<char>(static_cast<unsigned char>((value >> (8 * i)) & 0xFFu));
}

template <typename Unsigned>
Unsigned get(std::string_view in, std::size_t offset) {
  Unsigned value = 0;
  for (std::size_t i = 0; i < sizeof(Unsigned); ++i)
    value |=
        static_cast<Unsigned>(static_cast<Unsigned>(static_cast<unsigned char>(in[offset + i])) << (8 * i));
  return value;
}

}  // namespace

void encode_header(const PayloadHeader& header, std::span<char> payload) {
  for (std::size_t i = 0; i < magic.size(); ++i) payload[i] = magic[i];
  payload[3] = static_cast<char>(header.warmup ? flag_warmup : 0);
  put<std::uint32_t>(payload, 4, header.publisher_id);
  put<std::uint64_t>(payload, 8, header.sequence);
  put<std::uint64_t>(payload, 16, static_cast<std::uint64_t>(header.intended_ns));
  put<std::uint64_t>(payload, 24, static_cast<std::uint64_t>(header.sent_ns));
}

tl::expected<PayloadHeader, std::string> decode_header(std::string_view payload) {
  if (payload.size() < payload_header_size)
    return tl::make_unexpected(fmt::format("payload of {} bytes is shorter than the {}-byte mqbench header",
                                           payload.size(), payload_header_size));
  if (payload.substr(0, magic.size()) != magic) return tl::make_unexpected("payload does not start with MQB");
  const auto flags = static_cast<unsigned char>(payload[3]);
  if ((flags & ~flag_warmup) != 0)
    return tl::make_unexpected(fmt::format("unknown header flags 0x{:02x}", flags));
  PayloadHeader header;
  header.warmup = (flags & flag_warmup) != 0;
  header.publisher_id = get<std::uint32_t>(payload, 4);
  header.sequence = get<std::uint64_t>(payload, 8);
  header.intended_ns = static_cast<std::int64_t>(get<std::uint64_t>(payload, 16));
  header.sent_ns = static_cast<std::int64_t>(get<std::uint64_t>(payload, 24));
  return header;
}

}  // namespace mq::mqbench
