// The 32-byte header mqbench reads from every received payload (anything on the topic reaches it).
#include <array>

#include "fuzz_input.hpp"
#include "mqbench/payload_header.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view payload = mq::fuzz::as_text(data, size);
  const auto header = mq::mqbench::decode_header(payload);
  if (!header) {
    mq::fuzz::require(!header.error().empty(), "an error has a message");
    return 0;
  }
  // A header that decodes encodes back to the same 32 bytes.
  std::array<char, mq::mqbench::payload_header_size> encoded{};
  mq::mqbench::encode_header(*header, encoded);
  mq::fuzz::require(payload.substr(0, encoded.size()) == std::string_view(encoded.data(), encoded.size()),
                    "decode then encode gives the header back");
  return 0;
}
