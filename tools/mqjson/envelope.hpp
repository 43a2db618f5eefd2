#pragma once
// --envelope: each input line is one of mqsub's --json lines (lib/mq/output/json_line.hpp):
//   {"topic":..,"payload":"text" | "payload_base64":"..","qos":1,"retain":false,"mid":7,"time":"..",
//    "properties":{"content_type":..,"user_properties":[[k,v],..],..}}
// We read it back into a message whose payload is then the JSON document the paths look into.
#include <string>
#include <string_view>
#include <tl/expected.hpp>

#include "mq/core/message_properties.hpp"
#include "mqjson/json_document.hpp"
#include "mqjson/message_meta.hpp"

namespace mq::mqjson {

class EnvelopeReader {
 public:
  // Reads `line`; on success meta() and payload() describe the message until the next call. Errors are
  // the reason, e.g. "invalid envelope at byte 3: expected ':' after the key" or "envelope has no payload".
  tl::expected<void, std::string> read(std::string_view line);

  const MessageMeta& meta() const { return meta_; }
  std::string_view payload() const { return payload_; }

 private:
  JsonDocument document_;
  std::string topic_;
  std::string payload_;
  std::string time_;
  std::string scratch_;
  MessageProperties properties_;
  MessageMeta meta_;
};

// Standard base64 (RFC 4648, padding optional); false on any other character.
bool decode_base64(std::string_view text, std::string& out);

}  // namespace mq::mqjson
