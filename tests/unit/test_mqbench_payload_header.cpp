#include <doctest/doctest.h>

#include <limits>
#include <string>

#include "mqbench/payload_header.hpp"

using namespace mq::mqbench;

TEST_CASE("mqbench::payload_header: round trip") {
  PayloadHeader header;
  header.publisher_id = 0xA1B2C3D4;
  header.sequence = 0x0102030405060708ULL;
  header.intended_ns = 1'764'000'000'123'456'789;
  header.sent_ns = std::numeric_limits<std::int64_t>::min() + 3;
  header.warmup = true;
  std::string payload(40, 'x');
  encode_header(header, payload);
  CHECK(payload.substr(0, 4) == std::string("MQB\x01", 4));
  CHECK(payload.substr(4, 4) == "\xD4\xC3\xB2\xA1");  // little-endian whatever the host
  CHECK(payload.substr(32) == "xxxxxxxx");            // the rest of the payload is untouched
  const auto decoded = decode_header(payload);
  REQUIRE(decoded);
  CHECK(*decoded == header);
}

TEST_CASE("mqbench::payload_header: foreign payloads are named, not misread") {
  CHECK(decode_header("hello").error() == "payload of 5 bytes is shorter than the 32-byte mqbench header");
  CHECK(decode_header(std::string(32, 'x')).error() == "payload does not start with MQB");
  std::string flagged(32, '\0');
  encode_header(PayloadHeader{}, flagged);
  flagged[3] = '\x02';
  CHECK(decode_header(flagged).error() == "unknown header flags 0x02");
}

TEST_CASE("mqbench::payload_header: every byte position survives (fuzz-style sweep)") {
  for (unsigned shift = 0; shift < 64; shift += 7) {
    PayloadHeader header;
    header.publisher_id = static_cast<std::uint32_t>(0x9E3779B9u >> (shift % 32));
    header.sequence = 0xFFFFFFFFFFFFFFFFULL >> shift;
    header.intended_ns = static_cast<std::int64_t>(0x7FFFFFFFFFFFFFFFULL >> shift);
    header.sent_ns = -header.intended_ns;
    std::string payload(payload_header_size, '\0');
    encode_header(header, payload);
    const auto decoded = decode_header(payload);
    REQUIRE(decoded);
    CHECK(*decoded == header);
  }
}
