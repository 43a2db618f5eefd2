#include "mq/core/reason_codes.hpp"

#include <array>
#include <fmt/format.h>
#include <string_view>

namespace mq {
namespace {

struct ReasonText {
  int code;
  std::string_view text;
};

constexpr std::array reason_texts{
    ReasonText{0x00, "success"},
    ReasonText{0x01, "granted QoS 1"},
    ReasonText{0x02, "granted QoS 2"},
    ReasonText{0x04, "disconnect with will message"},
    ReasonText{0x10, "no matching subscribers"},
    ReasonText{0x11, "no subscription existed"},
    ReasonText{0x18, "continue authentication"},
    ReasonText{0x19, "re-authenticate"},
    ReasonText{0x80, "unspecified error"},
    ReasonText{0x81, "malformed packet"},
    ReasonText{0x82, "protocol error"},
    ReasonText{0x83, "implementation specific error"},
    ReasonText{0x84, "unsupported protocol version"},
    ReasonText{0x85, "client identifier not valid"},
    ReasonText{0x86, "bad user name or password"},
    ReasonText{0x87, "not authorized"},
    ReasonText{0x88, "server unavailable"},
    ReasonText{0x89, "server busy"},
    ReasonText{0x8A, "banned"},
    ReasonText{0x8B, "server shutting down"},
    ReasonText{0x8C, "bad authentication method"},
    ReasonText{0x8D, "keep alive timeout"},
    ReasonText{0x8E, "session taken over"},
    ReasonText{0x8F, "topic filter invalid"},
    ReasonText{0x90, "topic name invalid"},
    ReasonText{0x91, "packet identifier in use"},
    ReasonText{0x92, "packet identifier not found"},
    ReasonText{0x93, "receive maximum exceeded"},
    ReasonText{0x94, "topic alias invalid"},
    ReasonText{0x95, "packet too large"},
    ReasonText{0x96, "message rate too high"},
    ReasonText{0x97, "quota exceeded"},
    ReasonText{0x98, "administrative action"},
    ReasonText{0x99, "payload format invalid"},
    ReasonText{0x9A, "retain not supported"},
    ReasonText{0x9B, "QoS not supported"},
    ReasonText{0x9C, "use another server"},
    ReasonText{0x9D, "server moved"},
    ReasonText{0x9E, "shared subscriptions not supported"},
    ReasonText{0x9F, "connection rate exceeded"},
    ReasonText{0xA0, "maximum connect time"},
    ReasonText{0xA1, "subscription identifiers not supported"},
    ReasonText{0xA2, "wildcard subscriptions not supported"},
};

constexpr std::array connack_v3_texts{
    std::string_view{"connection accepted"},
    std::string_view{"unacceptable protocol version"},
    std::string_view{"identifier rejected"},
    std::string_view{"server unavailable"},
    std::string_view{"bad user name or password"},
    std::string_view{"not authorized"},
};

}  // namespace

std::string reason_code_text(int reason_code) {
  for (const auto& entry : reason_texts)
    if (entry.code == reason_code) return std::string(entry.text);
  return fmt::format("unknown reason code {}", reason_code);
}

std::string connack_v3_text(int return_code) {
  if (return_code >= 0 && static_cast<std::size_t>(return_code) < connack_v3_texts.size())
    return std::string(connack_v3_texts[static_cast<std::size_t>(return_code)]);
  return fmt::format("unknown CONNACK return code {}", return_code);
}

std::string connack_hint(int code, int protocol_version) {
  const bool v5 = protocol_version == 5;
  if ((!v5 && code == 4) || (v5 && code == 0x86)) return "check -u/-P, --pw-file or MQ_PASSWORD";
  if ((!v5 && code == 5) || (v5 && code == 0x87)) return "the broker's ACL or password settings refuse this client";
  if ((!v5 && code == 2) || (v5 && code == 0x85)) return "choose another client id with -i, or use -I";
  if ((!v5 && code == 1) || (v5 && code == 0x84)) return "try another protocol version with -V";
  if (v5 && code == 0x8A) return "the broker has banned this client";
  return {};
}

}  // namespace mq
