#pragma once
// Broker URLs as -L takes them: scheme://[user[:password]@]host[:port][/topic]
// Schemes: mqtt, mqtts, ws, wss (and Paho's tcp, ssl as aliases of mqtt, mqtts).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>

namespace mq {

enum class Transport { tcp, tls, websocket, websocket_tls };

struct BrokerUrl {
  Transport transport = Transport::tcp;
  std::optional<std::string> username;
  std::optional<std::string> password;
  std::string host;                    // without brackets for IPv6 literals
  std::optional<std::uint16_t> port;   // unset: the transport's default
  std::optional<std::string> topic;    // the path without its leading '/', when present and non-empty
};

tl::expected<BrokerUrl, std::string> parse_broker_url(std::string_view text);

std::uint16_t default_port(Transport transport);
bool uses_tls(Transport transport);
bool uses_websocket(Transport transport);
std::string_view scheme_name(Transport transport);  // "mqtt", "mqtts", "ws", "wss"

}  // namespace mq
