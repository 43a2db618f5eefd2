#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "mq/core/error.hpp"
#include "mq/core/exit_status.hpp"
#include "mq/core/resolve.hpp"

using mq::ConnectionOptions;
using mq::ProtocolVersion;
using mq::ResolvedConnection;
using mq::Transport;
using namespace std::chrono_literals;

namespace {

// MQ_PASSWORD from the developer's shell must not leak into these tests; restored afterwards.
struct PasswordEnvironment {
  std::optional<std::string> previous;
  PasswordEnvironment() {
    if (const char* value = std::getenv("MQ_PASSWORD")) previous = value;
    ::unsetenv("MQ_PASSWORD");
  }
  ~PasswordEnvironment() {
    if (previous) {
      ::setenv("MQ_PASSWORD", previous->c_str(), 1);
    } else {
      ::unsetenv("MQ_PASSWORD");
    }
  }
  PasswordEnvironment(const PasswordEnvironment&) = delete;
  PasswordEnvironment& operator=(const PasswordEnvironment&) = delete;
};

struct TempFile {
  std::filesystem::path path;
  explicit TempFile(const std::string& text) {
    char pattern[] = "/tmp/mq-test-resolve-XXXXXX";
    const int fd = ::mkstemp(pattern);
    ::close(fd);
    path = pattern;
    std::ofstream(path, std::ios::binary) << text;
  }
  ~TempFile() { std::filesystem::remove(path); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
};

ResolvedConnection resolve(const ConnectionOptions& options) {
  return mq::resolve_connection(options, mq::ResolveContext{"mqpub", false});
}

mq::Error usage_error(const ConnectionOptions& options) {
  try {
    resolve(options);
  } catch (const mq::Error& error) {
    CHECK(error.exit_code() == mq::exit_status::usage);
    return error;
  }
  FAIL("resolve_connection accepted the options");
  return mq::Error(0, "", "");
}

// what, why and hint of the usage error in one string: "what | why | hint".
std::string usage_text(const ConnectionOptions& options) {
  const auto error = usage_error(options);
  return error.what_failed() + " | " + error.why() + " | " + error.hint();
}

const std::string tls_on_plain = " | use mqtts:// or wss:// with -L, or drop the TLS options";

}  // namespace

TEST_CASE("core::resolve_connection defaults") {
  const PasswordEnvironment environment;
  const auto resolved = resolve(ConnectionOptions{});
  CHECK(resolved.transport == Transport::tcp);
  CHECK(resolved.host == "localhost");
  CHECK(resolved.port == 1883);
  CHECK(resolved.version == ProtocolVersion::v311);
  CHECK(resolved.keepalive_seconds == 60);
  CHECK(resolved.clean_session);
  CHECK_FALSE(resolved.session_expiry_seconds.has_value());
  CHECK_FALSE(resolved.username.has_value());
  CHECK_FALSE(resolved.password.has_value());
  CHECK_FALSE(resolved.url_topic.has_value());
  CHECK_FALSE(resolved.proxy.has_value());
  CHECK_FALSE(resolved.unix_socket.has_value());
  CHECK(resolved.connect_timeout == 30s);
  CHECK(resolved.ws_path == "/mqtt");
  CHECK(resolved.client_id_generated);
  const std::string id_start = "mqpub-" + std::to_string(::getpid()) + "-";
  CHECK(resolved.client_id.starts_with(id_start));
  CHECK(resolved.client_id.size() == id_start.size() + 6);
  CHECK(resolved.client_id.size() <= 23);  // short enough even for MQTT 3.1
  CHECK_FALSE(resolved.properties.any);
}

TEST_CASE("core::resolve_connection host, port and URL") {
  const PasswordEnvironment environment;
  ConnectionOptions options;

  SUBCASE("-h and -p") {
    options.host = "broker.example";
    options.port = 1884;
    const auto resolved = resolve(options);
    CHECK(resolved.host == "broker.example");
    CHECK(resolved.port == 1884);
    CHECK(resolved.transport == Transport::tcp);
  }
  SUBCASE("bad -h and -p") {
    options.host = "";
    CHECK(usage_text(options) == "-h | empty host name | give a host name or address, e.g. -h localhost");
    options.host.reset();
    options.port = 0;
    CHECK(usage_text(options) == "-p 0 | port out of range | use a port from 1 to 65535");
    options.port = 65536;
    CHECK(usage_text(options) == "-p 65536 | port out of range | use a port from 1 to 65535");
  }
  SUBCASE("-L overrides -h and -p") {
    options.host = "ignored";
    options.port = 1;
    options.url = "mqtts://alice:pw@broker:8884/a/b";
    const auto resolved = resolve(options);
    CHECK(resolved.transport == Transport::tls);
    CHECK(resolved.host == "broker");
    CHECK(resolved.port == 8884);
    CHECK(resolved.url_topic == "a/b");
    CHECK(resolved.username == "alice");
    CHECK(resolved.password == "pw");
  }
  SUBCASE("-L default ports per scheme") {
    options.url = "wss://broker";
    CHECK(resolve(options).port == 443);
    options.url = "ws://broker";
    CHECK(resolve(options).port == 80);
    options.url = "mqtts://broker";
    CHECK(resolve(options).port == 8883);
    options.url = "mqtt://[::1]";
    const auto resolved = resolve(options);
    CHECK(resolved.port == 1883);
    CHECK(resolved.host == "::1");
  }
  SUBCASE("-u and -P override the URL's credentials") {
    options.url = "mqtt://alice:pw@broker";
    options.username = "bob";
    options.password = "other";
    const auto resolved = resolve(options);
    CHECK(resolved.username == "bob");
    CHECK(resolved.password == "other");
  }
  SUBCASE("a bad URL") {
    options.url = "mqtt://broker:0";
    CHECK(usage_text(options) == "-L mqtt://broker:0 | port '0' is not a number from 1 to 65535 | ");
    options.url = "http://broker";
    CHECK(usage_text(options) ==
          "-L http://broker | unknown scheme 'http' (expected "
          "mqtt|mqtts|ws|wss://[user[:password]@]host[:port][/topic]) | ");
  }
  SUBCASE("--ws-path") {
    options.url = "ws://broker";
    options.ws_path = "socket";
    CHECK(resolve(options).ws_path == "/socket");
    options.ws_path = "/mqtt/v2";
    CHECK(resolve(options).ws_path == "/mqtt/v2");
    options.url = "mqtt://broker";
    CHECK(usage_text(options) ==
          "--ws-path | only applies to websockets | use -L ws://host:port or wss://host:port");
  }
}

TEST_CASE("core::resolve_connection protocol version and session") {
  const PasswordEnvironment environment;
  ConnectionOptions options;

  SUBCASE("-V spellings") {
    for (const auto& [text, version] : {std::pair{"31", ProtocolVersion::v31},
                                        {"mqttv31", ProtocolVersion::v31},
                                        {"311", ProtocolVersion::v311},
                                        {"mqttv311", ProtocolVersion::v311},
                                        {"5", ProtocolVersion::v5},
                                        {"mqttv5", ProtocolVersion::v5}}) {
      CAPTURE(text);
      options.protocol_version = text;
      CHECK(resolve(options).version == version);
    }
    options.protocol_version = "4";
    CHECK(usage_text(options) ==
          "-V 4 | unknown protocol version | use 31, 311, 5, mqttv31, mqttv311 or mqttv5");
  }
  SUBCASE("-x implies MQTT 5") {
    options.session_expiry = "1h";
    const auto resolved = resolve(options);
    CHECK(resolved.version == ProtocolVersion::v5);
    CHECK(resolved.session_expiry_seconds == 3600u);
    options.protocol_version = "5";
    CHECK(resolve(options).session_expiry_seconds == 3600u);
  }
  SUBCASE("-x with an MQTT 3 version") {
    options.session_expiry = "60";
    for (const char* version : {"311", "31"}) {
      options.protocol_version = version;
      CHECK(usage_text(options) ==
            "-x | session expiry needs MQTT 5 | add -V 5, or drop -V to let -x select MQTT 5");
    }
  }
  SUBCASE("-x values") {
    CHECK(mq::parse_session_expiry("0") == 0u);
    CHECK(mq::parse_session_expiry("90") == 90u);
    CHECK(mq::parse_session_expiry("2m") == 120u);
    CHECK(mq::parse_session_expiry("1500ms") == 1u);
    CHECK(mq::parse_session_expiry("-1") == mq::session_never_expires);
    CHECK(mq::parse_session_expiry("never") == mq::session_never_expires);
    CHECK(mq::parse_session_expiry("4294967294") == 4294967294u);
    options.session_expiry = "4294967295";
    CHECK(usage_text(options) ==
          "-x 4294967295 | longer than MQTT allows | use -1 for a session that never expires");
    options.session_expiry = "soon";
    CHECK(usage_text(options) ==
          "-x soon | 'soon' is not a duration (use e.g. 10, 500ms, 1.5s, 2m) | use seconds, "
          "a duration like 1h, or -1");
    options.session_expiry = "-2";
    CHECK(usage_text(options) ==
          "-x -2 | '-2' is negative (durations must be >= 0) | use seconds, a duration like 1h, or -1");
  }
  SUBCASE("-c needs -i") {
    options.disable_clean_session = true;
    CHECK(usage_text(options) == "-c | a persistent session needs a fixed client id | add -i ID");
    options.id_prefix = "p-";
    CHECK(usage_text(options) == "-c | a persistent session needs a fixed client id | add -i ID");
    options.id_prefix.reset();
    options.client_id = "fixed";
    const auto resolved = resolve(options);
    CHECK_FALSE(resolved.clean_session);
    CHECK(resolved.client_id == "fixed");
    CHECK_FALSE(resolved.client_id_generated);
  }
  SUBCASE("keepalive") {
    options.keepalive_seconds = 0;
    CHECK(resolve(options).keepalive_seconds == 0);
    options.keepalive_seconds = 5;
    CHECK(resolve(options).keepalive_seconds == 5);
    options.keepalive_seconds = 65535;
    CHECK(resolve(options).keepalive_seconds == 65535);
    options.keepalive_seconds = 4;
    CHECK(usage_text(options) == "-k 4 | keepalive out of range | use 0 (off) or 5 to 65535 seconds");
    options.keepalive_seconds = 65536;
    CHECK(usage_text(options) == "-k 65536 | keepalive out of range | use 0 (off) or 5 to 65535 seconds");
  }
  SUBCASE("-D needs MQTT 5") {
    options.property_words = {{"connect", "receive-maximum", "10"}};
    CHECK(usage_text(options) == "-D | MQTT 5 properties given for an MQTT 3 connection | add -V 5");
    options.protocol_version = "5";
    const auto resolved = resolve(options);
    CHECK(resolved.properties.connect.receive_maximum == std::uint16_t{10});
  }
  SUBCASE("-D session-expiry-interval and -x together") {
    options.protocol_version = "5";
    options.session_expiry = "10";
    options.property_words = {{"connect", "session-expiry-interval", "20"}};
    CHECK(usage_text(options) ==
          "-D connect session-expiry-interval | given together with -x | use only one of them");
  }
  SUBCASE("a bad -D names the words") {
    options.protocol_version = "5";
    options.property_words = {{"connect", "no-such-property", "1"}};
    const auto error = usage_error(options);
    CHECK(error.what_failed() == "-D connect no-such-property 1");
    CHECK_FALSE(error.why().empty());
  }
  SUBCASE("a -D value longer than an MQTT string is refused, and shown shortened") {
    options.protocol_version = "5";
    options.property_words = {{"publish", "user-property", "unit", std::string(65536, 'a')}};
    const auto error = usage_error(options);
    CHECK(error.what_failed() == "-D publish user-property unit " + std::string(37, 'a') + "...");
    CHECK(error.why() == "the value is 65536 bytes; an MQTT property string holds at most 65,535");
    options.property_words = {{"publish", "content-type", std::string(65535, 'b')}};
    CHECK(resolve(options).properties.publish.content_type->size() == 65535);
  }
}

TEST_CASE("core::resolve_connection credentials") {
  const PasswordEnvironment environment;
  ConnectionOptions options;

  SUBCASE("a password without a user name before MQTT 5") {
    options.password = "secret";
    CHECK(usage_text(options) ==
          "-P | a password needs a user name before MQTT 5 | add -u USER, or use -V 5");
    options.protocol_version = "5";
    CHECK(resolve(options).password == "secret");
    options.protocol_version = "311";
    options.username = "alice";
    CHECK(resolve(options).password == "secret");
  }
  SUBCASE("--pw-file reads the first line") {
    const TempFile file("first-line\r\nsecond line\n");
    options.username = "alice";
    options.password_file = file.path.string();
    CHECK(resolve(options).password == "first-line");
  }
  SUBCASE("--pw-file keeps spaces and takes an unterminated line") {
    const TempFile file(" spaced pass ");
    options.username = "alice";
    options.password_file = file.path.string();
    CHECK(resolve(options).password == " spaced pass ");
  }
  SUBCASE("an unreadable --pw-file") {
    options.username = "alice";
    options.password_file = "/nonexistent/pw";
    CHECK(usage_text(options) ==
          "--pw-file /nonexistent/pw | cannot be read | check the path and its permissions");
  }
  SUBCASE("MQ_PASSWORD") {
    ::setenv("MQ_PASSWORD", "from-env", 1);
    options.username = "alice";
    CHECK(resolve(options).password == "from-env");
    options.password = "from-argv";
    CHECK(resolve(options).password == "from-argv");
    options.password.reset();
    options.url = "mqtt://alice:from-url@broker";
    CHECK(resolve(options).password == "from-url");
    options.url.reset();
    options.username.reset();
    CHECK(usage_text(options) ==
          "MQ_PASSWORD | a password needs a user name before MQTT 5 | add -u USER, or use -V 5");
  }
  SUBCASE("a --pw-file password without a user name names --pw-file") {
    const TempFile file("pw\n");
    options.password_file = file.path.string();
    CHECK(usage_text(options) ==
          "--pw-file | a password needs a user name before MQTT 5 | add -u USER, or use -V 5");
  }
}

TEST_CASE("core::resolve_connection client ids") {
  const PasswordEnvironment environment;
  ConnectionOptions options;

  SUBCASE("-i and -I together") {
    options.client_id = "a";
    options.id_prefix = "b";
    CHECK(usage_text(options) ==
          "-i and -I | both given | use -i for a fixed client id or -I for a prefix, not both");
  }
  SUBCASE("empty -i") {
    options.client_id = "";
    CHECK(usage_text(options) == "-i | empty client id | give a non-empty id or leave -i out");
  }
  SUBCASE("-I adds the process id") {
    options.id_prefix = "sensor-";
    const auto resolved = resolve(options);
    CHECK(resolved.client_id == "sensor-" + std::to_string(::getpid()));
    CHECK_FALSE(resolved.client_id_generated);
  }
  SUBCASE("MQTT 3.1 allows 23 bytes") {
    options.protocol_version = "31";
    options.client_id = std::string(23, 'x');
    CHECK(resolve(options).client_id == std::string(23, 'x'));
    options.client_id = std::string(24, 'x');
    CHECK(
        usage_text(options) ==
        "-i | MQTT 3.1 allows client ids of at most 23 bytes, this one has 24 | use a shorter id or -V 311");
    options.protocol_version = "311";
    CHECK(resolve(options).client_id == std::string(24, 'x'));
  }
  SUBCASE("UTF-8 and length") {
    options.client_id = "bad\xFF";
    CHECK(usage_text(options) == "-i | client id must be valid UTF-8 of at most 65535 bytes | ");
    options.client_id = std::string(65536, 'x');
    CHECK(usage_text(options) == "-i | client id must be valid UTF-8 of at most 65535 bytes | ");
    options.client_id = std::string(65535, 'x');
    CHECK(resolve(options).client_id.size() == 65535);
  }
}

TEST_CASE("core::resolve_connection will") {
  const PasswordEnvironment environment;
  ConnectionOptions options;

  SUBCASE("a complete will") {
    options.will.topic = "clients/gone";
    options.will.payload = "bye";
    options.will.qos = 2;
    options.will.retain = true;
    const auto resolved = resolve(options);
    CHECK(resolved.will.topic == "clients/gone");
    CHECK(resolved.will.payload == "bye");
    CHECK(resolved.will.qos == 2);
    CHECK(resolved.will.retain);
  }
  SUBCASE("payload or retain without a topic") {
    options.will.payload = "bye";
    CHECK(usage_text(options) == "--will-payload | given without --will-topic | add --will-topic TOPIC");
    options.will.payload.reset();
    options.will.retain = true;
    CHECK(usage_text(options) == "--will-retain | given without --will-topic | add --will-topic TOPIC");
  }
  SUBCASE("an invalid will topic") {
    options.will.topic = "a/+";
    CHECK(usage_text(options) ==
          "--will-topic 'a/+' | wildcards '+' and '#' are not allowed in a topic name (only in filters) | ");
    options.will.topic = "";
    CHECK(usage_text(options) == "--will-topic '' | empty topic (a topic needs at least one character) | ");
  }
  SUBCASE("will QoS") {
    options.will.topic = "t";
    options.will.qos = 3;
    CHECK(usage_text(options) == "--will-qos 3 | QoS must be 0, 1 or 2 | ");
    options.will.qos = -1;
    CHECK(usage_text(options) == "--will-qos -1 | QoS must be 0, 1 or 2 | ");
  }
}

TEST_CASE("core::resolve_connection TLS") {
  const PasswordEnvironment environment;
  const TempFile ca("not checked here: check_tls_files reads the contents\n");
  const std::string ca_path = ca.path.string();
  ConnectionOptions options;

  SUBCASE("port 8883 means TLS with the system store") {
    options.port = 8883;
    const auto resolved = resolve(options);
    CHECK(resolved.transport == Transport::tls);
    CHECK(resolved.port == 8883);
    CHECK_FALSE(resolved.tls.cafile.has_value());
  }
  SUBCASE("--cafile means TLS on 8883") {
    options.tls.cafile = ca_path;
    const auto resolved = resolve(options);
    CHECK(resolved.transport == Transport::tls);
    CHECK(resolved.port == 8883);
    CHECK(resolved.tls.cafile == ca_path);
    options.port = 18883;
    CHECK(resolve(options).port == 18883);
    CHECK(resolve(options).transport == Transport::tls);
  }
  SUBCASE("--tls-use-os-certs means TLS") {
    options.tls.use_os_certs = true;
    CHECK(resolve(options).transport == Transport::tls);
  }
  SUBCASE("TLS options on a plain URL") {
    options.url = "mqtt://broker";
    options.tls.cafile = ca_path;
    CHECK(usage_text(options) == "TLS options | given for a mqtt:// connection" + tls_on_plain);
    options.url = "ws://broker";
    CHECK(usage_text(options) == "TLS options | given for a ws:// connection" + tls_on_plain);
    options.url = "wss://broker";
    CHECK(resolve(options).transport == Transport::websocket_tls);
  }
  SUBCASE("options that only make sense with TLS do not turn it on") {
    options.tls.insecure = true;
    CHECK(usage_text(options) == "TLS options | given for a mqtt:// connection" + tls_on_plain);
    options.tls.insecure = false;
    options.tls.alpn = "mqtt";
    CHECK(usage_text(options) == "TLS options | given for a mqtt:// connection" + tls_on_plain);
    options.tls.alpn.reset();
    options.tls.ciphers = "ECDHE-ECDSA-AES128-GCM-SHA256";
    CHECK(usage_text(options) == "TLS options | given for a mqtt:// connection" + tls_on_plain);
    options.url = "mqtts://broker";
    CHECK(resolve(options).tls.ciphers == "ECDHE-ECDSA-AES128-GCM-SHA256");
  }
  SUBCASE("certificate and key come together") {
    options.url = "mqtts://broker";
    options.tls.cert = ca_path;
    CHECK(usage_text(options) == "--cert | given without --key | add --key FILE");
    options.tls.cert.reset();
    options.tls.key = ca_path;
    CHECK(usage_text(options) == "--key | given without --cert | add --cert FILE");
  }
  SUBCASE("unreadable files") {
    options.tls.cafile = "/nonexistent/ca.pem";
    CHECK(usage_text(options) ==
          "--cafile /nonexistent/ca.pem | No such file or directory | check the path and its permissions");
    options.tls.cafile.reset();
    options.tls.capath = "/nonexistent/certs";
    CHECK(usage_text(options) ==
          "--capath /nonexistent/certs | No such file or directory | check the path and its permissions");
  }
  SUBCASE("--tls-version") {
    options.url = "mqtts://broker";
    for (const char* version : {"tlsv1.3", "tlsv1.2", "tlsv1.1"}) {
      options.tls.tls_version = version;
      CHECK(resolve(options).tls.tls_version == version);
    }
    options.tls.tls_version = "tlsv1";
    CHECK(usage_text(options) ==
          "--tls-version tlsv1 | unknown TLS version | use tlsv1.3, tlsv1.2 or tlsv1.1");
  }
  SUBCASE("PSK rules") {
    options.tls.psk = "00ff";
    CHECK(usage_text(options) == "--psk | given without --psk-identity | add --psk-identity ID");
    options.tls.psk_identity = "device";
    const auto resolved = resolve(options);
    CHECK(resolved.transport == Transport::tls);  // --psk alone selects TLS
    CHECK(resolved.port == 8883);
    options.tls.psk = "00fg";
    CHECK(usage_text(options) ==
          "--psk | the key must be hexadecimal | give the pre-shared key as hex digits");
    options.tls.psk = "ABCDEF0123";
    options.tls.cafile = ca_path;
    CHECK(usage_text(options) ==
          "--psk | cannot be combined with certificates | use either --psk or --cafile/--cert");
    options.tls.cafile.reset();
    options.tls.psk.reset();
    CHECK(usage_text(options) == "--psk-identity | given without --psk | add --psk HEX_KEY");
  }
}

TEST_CASE("core::resolve_connection sockets and proxies") {
  const PasswordEnvironment environment;
  ConnectionOptions options;

  SUBCASE("--unix with websockets") {
    options.unix_socket = "/run/mosquitto.sock";
    CHECK(resolve(options).unix_socket == "/run/mosquitto.sock");
    options.url = "ws://broker";
    CHECK(usage_text(options) ==
          "--unix | cannot be combined with websockets | use mqtt:// or mqtts:// with --unix");
  }
  SUBCASE("--unix with -A or --proxy") {
    options.unix_socket = "/run/mosquitto.sock";
    options.bind_address = "127.0.0.2";
    CHECK(usage_text(options) == "-A | cannot be combined with --unix | a unix socket has no source address");
    options.bind_address.reset();
    options.proxy = "socks5://proxy:1080";
    CHECK(usage_text(options) == "--proxy | cannot be combined with --unix | ");
  }
  SUBCASE("--proxy is parsed") {
    options.proxy = "socks5h://user:pa@ss@proxy.example:1081";
    const auto resolved = resolve(options);
    REQUIRE(resolved.proxy.has_value());
    CHECK(resolved.proxy->remote_dns);
    CHECK(resolved.proxy->host == "proxy.example");
    CHECK(resolved.proxy->port == 1081);
    CHECK(resolved.proxy->username == "user");
    CHECK(resolved.proxy->password == "pa@ss");
  }
  SUBCASE("--connect-timeout") {
    options.connect_timeout = "1.5s";
    CHECK(resolve(options).connect_timeout == 1500ms);
    options.connect_timeout = "7";
    CHECK(resolve(options).connect_timeout == 7s);
    options.connect_timeout = "0";
    CHECK(usage_text(options) == "--connect-timeout | must be greater than zero | e.g. 5s or 500ms");
    options.connect_timeout = "5x";
    CHECK(usage_text(options) ==
          "--connect-timeout 5x | '5x' has an unknown unit 'x' (units: ns, us, ms, s, m, h) | ");
  }
  SUBCASE("flags pass through") {
    options.nodelay = true;
    options.debug = true;
    options.quiet = true;
    options.bind_address = "127.0.0.1";
    const auto resolved = resolve(options);
    CHECK(resolved.nodelay);
    CHECK(resolved.debug);
    CHECK(resolved.quiet);
    CHECK(resolved.bind_address == "127.0.0.1");
  }
}

TEST_CASE("core::parse_socks_proxy") {
  SUBCASE("socks5 without credentials, default port") {
    const auto proxy = mq::parse_socks_proxy("socks5://proxy");
    CHECK(proxy.host == "proxy");
    CHECK(proxy.port == 1080);
    CHECK_FALSE(proxy.remote_dns);
    CHECK_FALSE(proxy.username.has_value());
    CHECK_FALSE(proxy.password.has_value());
  }
  SUBCASE("socks5h with user only and a trailing slash") {
    const auto proxy = mq::parse_socks_proxy("socks5h://user@proxy:9050/");
    CHECK(proxy.remote_dns);
    CHECK(proxy.username == "user");
    CHECK_FALSE(proxy.password.has_value());
    CHECK(proxy.port == 9050);
  }
  SUBCASE("IPv6 proxies") {
    const auto proxy = mq::parse_socks_proxy("socks5://[::1]:9050");
    CHECK(proxy.host == "::1");
    CHECK(proxy.port == 9050);
    CHECK(mq::parse_socks_proxy("socks5h://[fe80::2]").port == 1080);
  }
  SUBCASE("errors") {
    const auto text_of = [](std::string_view text) {
      try {
        mq::parse_socks_proxy(text);
      } catch (const mq::Error& error) {
        CHECK(error.exit_code() == mq::exit_status::usage);
        return error.what_failed() + " | " + error.why() + " | " + error.hint();
      }
      return std::string("accepted");
    };
    CHECK(text_of("http://proxy:3128") ==
          "--proxy http://proxy:3128 | unsupported proxy | use socks5h://[user:pass@]host:port or "
          "socks5://...");
    CHECK(text_of("proxy:1080") ==
          "--proxy proxy:1080 | unsupported proxy | use socks5h://[user:pass@]host:port or socks5://...");
    CHECK(text_of("socks5h://") == "--proxy | missing proxy host | use socks5h://host:port");
    CHECK(text_of("socks5h://u:p@:1080") == "--proxy | missing proxy host | use socks5h://host:port");
    CHECK(text_of("socks5://proxy:0") == "--proxy | port '0' is not a number from 1 to 65535 | ");
    CHECK(text_of("socks5://proxy:http") == "--proxy | port 'http' is not a number from 1 to 65535 | ");
    CHECK(text_of("socks5://proxy:") == "--proxy | empty port after ':' | use socks5h://host:port");
    CHECK(text_of("socks5://[::1") == "--proxy | unterminated '[' in IPv6 host | ");
    CHECK(text_of("socks5://[::1]1080") ==
          "--proxy | unexpected '1080' after IPv6 host | use socks5h://[::1]:1080");
  }
}

TEST_CASE("core::parse_protocol_version") {
  CHECK(mq::parse_protocol_version("5") == ProtocolVersion::v5);
  CHECK(static_cast<int>(mq::parse_protocol_version("311")) == 4);
  CHECK(static_cast<int>(mq::parse_protocol_version("31")) == 3);
  CHECK_THROWS_AS(mq::parse_protocol_version("v5"), mq::Error);
  CHECK_THROWS_AS(mq::parse_protocol_version(""), mq::Error);
}
