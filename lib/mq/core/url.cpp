#include "mq/core/url.hpp"

#include <array>
#include <charconv>
#include <fmt/format.h>

namespace mq {
namespace {

struct Scheme {
  std::string_view name;
  Transport transport;
};

constexpr std::array schemes{
    Scheme{"mqtt", Transport::tcp},       Scheme{"tcp", Transport::tcp},
    Scheme{"mqtts", Transport::tls},      Scheme{"ssl", Transport::tls},
    Scheme{"ws", Transport::websocket},   Scheme{"wss", Transport::websocket_tls},
};

constexpr std::string_view url_help = "expected mqtt|mqtts|ws|wss://[user[:password]@]host[:port][/topic]";

}  // namespace

std::uint16_t default_port(Transport transport) {
  switch (transport) {
    case Transport::tcp: return 1883;
    case Transport::tls: return 8883;
    case Transport::websocket: return 80;
    case Transport::websocket_tls: return 443;
  }
  return 1883;
}

bool uses_tls(Transport transport) { return transport == Transport::tls || transport == Transport::websocket_tls; }
bool uses_websocket(Transport transport) {
  return transport == Transport::websocket || transport == Transport::websocket_tls;
}

std::string_view scheme_name(Transport transport) {
  switch (transport) {
    case Transport::tcp: return "mqtt";
    case Transport::tls: return "mqtts";
    case Transport::websocket: return "ws";
    case Transport::websocket_tls: return "wss";
  }
  return "mqtt";
}

tl::expected<BrokerUrl, std::string> parse_broker_url(std::string_view text) {
  BrokerUrl url;
  const auto scheme_end = text.find("://");
  if (scheme_end == std::string_view::npos)
    return tl::unexpected(fmt::format("missing scheme ({})", url_help));
  const std::string_view scheme = text.substr(0, scheme_end);
  bool known = false;
  for (const auto& candidate : schemes) {
    if (scheme == candidate.name) {
      url.transport = candidate.transport;
      known = true;
    }
  }
  if (!known) return tl::unexpected(fmt::format("unknown scheme '{}' ({})", scheme, url_help));

  std::string_view rest = text.substr(scheme_end + 3);
  const auto path_start = rest.find('/');
  std::string_view authority = rest.substr(0, path_start);
  if (path_start != std::string_view::npos) {
    const std::string_view topic = rest.substr(path_start + 1);
    if (!topic.empty()) url.topic = std::string(topic);
  }
  // The last '@' separates credentials, so a password may itself contain '@'.
  const auto at = authority.rfind('@');
  if (at != std::string_view::npos) {
    const std::string_view credentials = authority.substr(0, at);
    authority = authority.substr(at + 1);
    const auto colon = credentials.find(':');
    url.username = std::string(credentials.substr(0, colon));
    if (colon != std::string_view::npos) url.password = std::string(credentials.substr(colon + 1));
    if (url.username->empty()) return tl::unexpected(fmt::format("empty user name before '@' ({})", url_help));
  }
  std::string_view port_text;
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return tl::unexpected(std::string("unterminated '[' in IPv6 host"));
    url.host = std::string(authority.substr(1, close - 1));
    const std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return tl::unexpected(fmt::format("unexpected '{}' after IPv6 host", after));
      port_text = after.substr(1);
      if (port_text.empty()) return tl::unexpected(std::string("empty port after ':'"));
    }
  } else {
    const auto colon = authority.rfind(':');
    url.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) {
      port_text = authority.substr(colon + 1);
      if (port_text.empty()) return tl::unexpected(std::string("empty port after ':'"));
    }
  }
  if (url.host.empty()) return tl::unexpected(fmt::format("missing host ({})", url_help));
  if (!port_text.empty()) {
    unsigned port = 0;
    const auto [end, error] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (error != std::errc() || end != port_text.data() + port_text.size() || port == 0 || port > 65535)
      return tl::unexpected(fmt::format("port '{}' is not a number from 1 to 65535", port_text));
    url.port = static_cast<std::uint16_t>(port);
  }
  return url;
}

}  // namespace mq
