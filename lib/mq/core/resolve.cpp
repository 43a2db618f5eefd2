#include "mq/core/resolve.hpp"

#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <cstdlib>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <fstream>
#include <random>

#include "mq/core/error.hpp"
#include "mq/core/exit_status.hpp"
#include "mq/core/topic.hpp"

namespace mq {
namespace {

[[noreturn]] void usage_error(const std::string& what, const std::string& why, const std::string& hint = {}) {
  throw Error(exit_status::usage, what, why, hint);
}

std::string generated_client_id(std::string_view tool) {
  std::random_device seed;
  return fmt::format("{}-{}-{:06x}", tool, ::getpid(), seed() & 0xFFFFFFu);
}

std::string read_password_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) usage_error(fmt::format("--pw-file {}", path), "cannot be read", "check the path and its permissions");
  std::string password;
  std::getline(file, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  return password;
}

void check_readable(const std::optional<std::string>& path, std::string_view option) {
  if (path && ::access(path->c_str(), R_OK) != 0)
    usage_error(fmt::format("{} {}", option, *path), std::strerror(errno), "check the path and its permissions");
}

}  // namespace

ProtocolVersion parse_protocol_version(std::string_view text) {
  if (text == "31" || text == "mqttv31") return ProtocolVersion::v31;
  if (text == "311" || text == "mqttv311") return ProtocolVersion::v311;
  if (text == "5" || text == "mqttv5") return ProtocolVersion::v5;
  usage_error(fmt::format("-V {}", text), "unknown protocol version", "use 31, 311, 5, mqttv31, mqttv311 or mqttv5");
}

std::uint32_t parse_session_expiry(std::string_view text) {
  if (text == "-1" || text == "never" || text == "inf" || text == "\u221e") return session_never_expires;
  const auto duration = parse_duration(text);
  if (!duration) usage_error(fmt::format("-x {}", text), duration.error(), "use seconds, a duration like 1h, or -1");
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(*duration).count();
  if (seconds >= static_cast<std::int64_t>(session_never_expires))
    usage_error(fmt::format("-x {}", text), "longer than MQTT allows", "use -1 for a session that never expires");
  return static_cast<std::uint32_t>(seconds);
}

SocksProxy parse_socks_proxy(std::string_view text) {
  SocksProxy proxy;
  std::string_view rest;
  if (text.starts_with("socks5h://")) {
    proxy.remote_dns = true;
    rest = text.substr(10);
  } else if (text.starts_with("socks5://")) {
    rest = text.substr(9);
  } else {
    usage_error(fmt::format("--proxy {}", text), "unsupported proxy", "use socks5h://[user:pass@]host:port or socks5://...");
  }
  if (const auto at = rest.rfind('@'); at != std::string_view::npos) {
    const auto credentials = rest.substr(0, at);
    const auto colon = credentials.find(':');
    proxy.username = std::string(credentials.substr(0, colon));
    if (colon != std::string_view::npos) proxy.password = std::string(credentials.substr(colon + 1));
    rest = rest.substr(at + 1);
  }
  if (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  std::string_view port_text;
  if (!rest.empty() && rest.front() == '[') {
    const auto close = rest.find(']');
    if (close == std::string_view::npos) usage_error("--proxy", "unterminated '[' in IPv6 host");
    proxy.host = std::string(rest.substr(1, close - 1));
    const std::string_view after = rest.substr(close + 1);
    if (!after.empty() && after.front() != ':')
      usage_error("--proxy", fmt::format("unexpected '{}' after IPv6 host", after),
                  "use socks5h://[::1]:1080");
    if (!after.empty()) port_text = after.substr(1);
    if (after == ":") usage_error("--proxy", "empty port after ':'", "use socks5h://host:port");
  } else {
    const auto colon = rest.rfind(':');
    proxy.host = std::string(rest.substr(0, colon));
    if (colon != std::string_view::npos) port_text = rest.substr(colon + 1);
    if (colon != std::string_view::npos && port_text.empty())
      usage_error("--proxy", "empty port after ':'", "use socks5h://host:port");
  }
  if (proxy.host.empty()) usage_error("--proxy", "missing proxy host", "use socks5h://host:port");
  if (!port_text.empty()) {
    unsigned port = 0;
    const auto [end, error] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (error != std::errc() || end != port_text.data() + port_text.size() || port == 0 || port > 65535)
      usage_error("--proxy", fmt::format("port '{}' is not a number from 1 to 65535", port_text));
    proxy.port = static_cast<std::uint16_t>(port);
  }
  return proxy;
}

ResolvedConnection resolve_connection(const ConnectionOptions& options, const ResolveContext& context) {
  ResolvedConnection resolved;

  bool explicit_version = false;
  if (options.protocol_version) {
    resolved.version = parse_protocol_version(*options.protocol_version);
    explicit_version = true;
  }
  if (options.session_expiry) {
    resolved.session_expiry_seconds = parse_session_expiry(*options.session_expiry);
    if (explicit_version && resolved.version != ProtocolVersion::v5)
      usage_error("-x", "session expiry needs MQTT 5", "add -V 5, or drop -V to let -x select MQTT 5");
    resolved.version = ProtocolVersion::v5;  // as in mosquitto 2.1, -x implies MQTT 5
  }

  std::optional<BrokerUrl> url;
  if (options.url) {
    auto parsed = parse_broker_url(*options.url);
    if (!parsed) usage_error(fmt::format("-L {}", *options.url), parsed.error());
    url = std::move(*parsed);
  }

  if (url) {
    resolved.transport = url->transport;
    resolved.host = url->host;
    resolved.port = url->port.value_or(default_port(url->transport));
    resolved.url_topic = url->topic;
    resolved.username = url->username;
    resolved.password = url->password;
  } else {
    if (options.host) {
      if (options.host->empty()) usage_error("-h", "empty host name", "give a host name or address, e.g. -h localhost");
      resolved.host = *options.host;
    }
    if (options.port) {
      if (*options.port < 1 || *options.port > 65535)
        usage_error(fmt::format("-p {}", *options.port), "port out of range", "use a port from 1 to 65535");
      resolved.port = static_cast<std::uint16_t>(*options.port);
    }
    const auto& tls = options.tls;
    const bool tls_asked = tls.cafile || tls.capath || tls.cert || tls.use_os_certs || tls.psk ||
                           (options.port && *options.port == 8883);
    if (tls_asked) resolved.transport = Transport::tls;
    if (!options.port) resolved.port = default_port(resolved.transport);
  }
  if (options.ws_path) {
    if (!uses_websocket(resolved.transport))
      usage_error("--ws-path", "only applies to websockets", "use -L ws://host:port or wss://host:port");
    resolved.ws_path = options.ws_path->starts_with('/') ? *options.ws_path : "/" + *options.ws_path;
  }

  if (options.username) resolved.username = options.username;
  // Where the password came from, so an error names what the user actually gave.
  std::string_view password_source = "-L";
  if (options.password) {
    resolved.password = options.password;
    password_source = "-P";
  } else if (options.password_file) {
    resolved.password = read_password_file(*options.password_file);
    password_source = "--pw-file";
  } else if (!resolved.password) {
    if (const char* from_env = std::getenv("MQ_PASSWORD"); from_env != nullptr) resolved.password = from_env;
    password_source = "MQ_PASSWORD";
  }
  if (resolved.password && !resolved.username && resolved.version != ProtocolVersion::v5)
    usage_error(std::string(password_source), "a password needs a user name before MQTT 5",
                "add -u USER, or use -V 5");

  if (options.client_id && options.id_prefix)
    usage_error("-i and -I", "both given", "use -i for a fixed client id or -I for a prefix, not both");
  if (options.client_id) {
    resolved.client_id = *options.client_id;
    if (resolved.client_id.empty()) usage_error("-i", "empty client id", "give a non-empty id or leave -i out");
  } else if (options.id_prefix) {
    resolved.client_id = fmt::format("{}{}", *options.id_prefix, ::getpid());
  } else {
    resolved.client_id = generated_client_id(context.tool);
    resolved.client_id_generated = true;
  }
  if (resolved.client_id.size() > 65535 || !is_valid_mqtt_utf8(resolved.client_id))
    usage_error("-i", "client id must be valid UTF-8 of at most 65535 bytes");
  if (resolved.version == ProtocolVersion::v31 && resolved.client_id.size() > 23)
    usage_error("-i", fmt::format("MQTT 3.1 allows client ids of at most 23 bytes, this one has {}",
                                  resolved.client_id.size()),
                "use a shorter id or -V 311");

  if (options.keepalive_seconds != 0 && (options.keepalive_seconds < 5 || options.keepalive_seconds > 65535))
    usage_error(fmt::format("-k {}", options.keepalive_seconds), "keepalive out of range",
                "use 0 (off) or 5 to 65535 seconds");
  resolved.keepalive_seconds = options.keepalive_seconds;

  resolved.clean_session = !options.disable_clean_session;
  if (options.disable_clean_session && !options.client_id)
    usage_error("-c", "a persistent session needs a fixed client id", "add -i ID");

  resolved.will = options.will;
  if (resolved.will.payload && !resolved.will.topic)
    usage_error("--will-payload", "given without --will-topic", "add --will-topic TOPIC");
  if (resolved.will.retain && !resolved.will.topic)
    usage_error("--will-retain", "given without --will-topic", "add --will-topic TOPIC");
  if (resolved.will.topic) {
    if (auto valid = validate_topic_name(*resolved.will.topic); !valid)
      usage_error(fmt::format("--will-topic '{}'", *resolved.will.topic), valid.error());
  }
  if (resolved.will.qos < 0 || resolved.will.qos > 2)
    usage_error(fmt::format("--will-qos {}", resolved.will.qos), "QoS must be 0, 1 or 2");

  resolved.tls = options.tls;
  const auto& tls = resolved.tls;
  if (tls.cert && !tls.key) usage_error("--cert", "given without --key", "add --key FILE");
  if (tls.key && !tls.cert) usage_error("--key", "given without --cert", "add --cert FILE");
  if (tls.psk && !tls.psk_identity) usage_error("--psk", "given without --psk-identity", "add --psk-identity ID");
  if (tls.psk_identity && !tls.psk) usage_error("--psk-identity", "given without --psk", "add --psk HEX_KEY");
  if (tls.psk && (tls.cert || tls.cafile || tls.capath))
    usage_error("--psk", "cannot be combined with certificates", "use either --psk or --cafile/--cert");
  if (tls.psk && tls.psk->find_first_not_of("0123456789abcdefABCDEF") != std::string::npos)
    usage_error("--psk", "the key must be hexadecimal", "give the pre-shared key as hex digits");
  if (tls.tls_version) {
    const auto& version = *tls.tls_version;
    if (version != "tlsv1.3" && version != "tlsv1.2" && version != "tlsv1.1")
      usage_error(fmt::format("--tls-version {}", version), "unknown TLS version", "use tlsv1.3, tlsv1.2 or tlsv1.1");
  }
  check_readable(tls.cafile, "--cafile");
  check_readable(tls.capath, "--capath");
  check_readable(tls.cert, "--cert");
  check_readable(tls.key, "--key");
  const bool tls_only_option = tls.cafile || tls.capath || tls.cert || tls.insecure || tls.tls_version ||
                               tls.ciphers || tls.alpn || tls.psk || tls.use_os_certs;
  if (tls_only_option && !uses_tls(resolved.transport))
    usage_error("TLS options", fmt::format("given for a {}:// connection", scheme_name(resolved.transport)),
                "use mqtts:// or wss:// with -L, or drop the TLS options");

  resolved.nodelay = options.nodelay;
  resolved.debug = options.debug;
  resolved.quiet = options.quiet;
  resolved.unix_socket = options.unix_socket;
  if (resolved.unix_socket && uses_websocket(resolved.transport))
    usage_error("--unix", "cannot be combined with websockets", "use mqtt:// or mqtts:// with --unix");
  resolved.bind_address = options.bind_address;
  if (resolved.bind_address && resolved.unix_socket)
    usage_error("-A", "cannot be combined with --unix", "a unix socket has no source address");
  if (options.proxy) {
    resolved.proxy = parse_socks_proxy(*options.proxy);
    if (resolved.unix_socket) usage_error("--proxy", "cannot be combined with --unix");
  }
  if (options.connect_timeout) {
    const auto timeout = parse_duration(*options.connect_timeout);
    if (!timeout) usage_error(fmt::format("--connect-timeout {}", *options.connect_timeout), timeout.error());
    if (timeout->count() == 0) usage_error("--connect-timeout", "must be greater than zero", "e.g. 5s or 500ms");
    resolved.connect_timeout = *timeout;
  }
  for (const auto& words : options.property_words) {
    if (auto added = add_property_argument(resolved.properties, words); !added) {
      // Named as typed, but a long value shortened: the message stays one readable line.
      std::vector<std::string> shown;
      for (const auto& word : words) shown.push_back(word.size() > 40 ? word.substr(0, 37) + "..." : word);
      usage_error(fmt::format("-D {}", fmt::join(shown, " ")), added.error());
    }
  }
  if (resolved.properties.any && resolved.version != ProtocolVersion::v5)
    usage_error("-D", "MQTT 5 properties given for an MQTT 3 connection", "add -V 5");
  if (resolved.properties.connect.session_expiry_interval && resolved.session_expiry_seconds)
    usage_error("-D connect session-expiry-interval", "given together with -x", "use only one of them");
  (void)context.for_subscriber;
  return resolved;
}

}  // namespace mq
