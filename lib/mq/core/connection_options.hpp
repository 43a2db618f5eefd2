#pragma once
// What the user asked for about the connection, independent of CLI11 and Paho. std::optional means "unset":
// the resolved values (defaults applied, URL merged) come from resolve_connection().
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mq/core/duration.hpp"
#include "mq/core/property_args.hpp"
#include "mq/core/url.hpp"

namespace mq {

struct TlsOptions {
  std::optional<std::string> cafile;
  std::optional<std::string> capath;
  std::optional<std::string> cert;
  std::optional<std::string> key;
  std::optional<std::string> tls_version;  // tlsv1.2 | tlsv1.3
  std::optional<std::string> ciphers;
  std::optional<std::string> alpn;
  std::optional<std::string> psk;  // hex
  std::optional<std::string> psk_identity;
  bool insecure = false;
  bool use_os_certs = false;
};

struct WillOptions {
  std::optional<std::string> topic;
  std::optional<std::string> payload;
  int qos = 0;
  bool retain = false;
};

// Session expiry value meaning "never expires" (MQTT 5 0xFFFFFFFF; mosquitto spells it -1).
inline constexpr std::uint32_t session_never_expires = 0xFFFFFFFFu;

struct ConnectionOptions {
  std::optional<std::string> host;
  std::optional<int> port;
  std::optional<std::string> url;
  std::optional<std::string> username;
  std::optional<std::string> password;
  std::optional<std::string> password_file;
  std::optional<std::string> client_id;
  std::optional<std::string> id_prefix;
  int keepalive_seconds = 60;
  bool disable_clean_session = false;  // -c
  std::optional<std::string> session_expiry;  // -x text: seconds, a duration, -1 or "never"
  std::optional<std::string> protocol_version;  // -V text
  WillOptions will;
  TlsOptions tls;
  bool nodelay = false;
  bool debug = false;
  bool quiet = false;
  std::optional<std::string> unix_socket;
  std::optional<std::string> bind_address;
  std::optional<std::string> proxy;
  std::optional<std::string> connect_timeout;  // duration text
  std::optional<std::string> ws_path;
  std::vector<std::vector<std::string>> property_words;  // each -D occurrence: PACKET NAME VALUE [VALUE]
};

// MQTT protocol levels as they go on the wire.
enum class ProtocolVersion : int { v31 = 3, v311 = 4, v5 = 5 };

struct SocksProxy {
  std::string host;
  std::uint16_t port = 1080;
  std::optional<std::string> username;
  std::optional<std::string> password;
  bool remote_dns = false;  // socks5h: the proxy resolves the broker's name
};

// Everything validated and defaulted: what the connection layer acts on.
struct ResolvedConnection {
  Transport transport = Transport::tcp;
  std::string host = "localhost";
  std::uint16_t port = 1883;
  std::string ws_path = "/mqtt";
  std::optional<std::string> url_topic;
  std::optional<std::string> username;
  std::optional<std::string> password;
  std::string client_id;            // empty: let the broker assign one (v5) or generate (v3)
  bool client_id_generated = false;
  int keepalive_seconds = 60;
  bool clean_session = true;
  std::optional<std::uint32_t> session_expiry_seconds;
  ProtocolVersion version = ProtocolVersion::v311;
  WillOptions will;
  TlsOptions tls;
  bool nodelay = false;
  bool debug = false;
  bool quiet = false;
  std::optional<std::string> unix_socket;
  std::optional<std::string> bind_address;
  std::optional<SocksProxy> proxy;
  Duration connect_timeout = std::chrono::seconds(30);
  PropertySet properties;  // from -D, MQTT 5 only
};

}  // namespace mq
