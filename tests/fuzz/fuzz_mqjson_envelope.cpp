// mqjson --envelope: each input line is one of mqsub's --json lines (topic, payload or payload_base64, qos,
// properties, ...), read back into a message whose payload mqjson then parses.
#include <string>

#include "fuzz_input.hpp"
#include "mqjson/envelope.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view line = mq::fuzz::as_text(data, size);
  mq::mqjson::EnvelopeReader reader;
  const auto read = reader.read(line);
  if (read) {
    mq::fuzz::require(reader.meta().known, "a read envelope carries the message's metadata");
    mq::mqjson::JsonDocument payload;
    (void)payload.parse(reader.payload());
  } else {
    mq::fuzz::require(!read.error().empty(), "an error has a reason");
  }
  std::string decoded;
  (void)mq::mqjson::decode_base64(line, decoded);
  return 0;
}
