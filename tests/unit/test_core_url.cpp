#include <doctest/doctest.h>

#include <string>

#include "mq/core/url.hpp"

using mq::BrokerUrl;
using mq::parse_broker_url;
using mq::Transport;

namespace {

BrokerUrl parsed(std::string_view text) {
  auto url = parse_broker_url(text);
  INFO(text);
  REQUIRE_MESSAGE(url.has_value(), url.error());
  return *url;
}

std::string error_of(std::string_view text) {
  const auto url = parse_broker_url(text);
  INFO(text);
  REQUIRE_FALSE(url.has_value());
  return url.error();
}

constexpr std::string_view help = "expected mqtt|mqtts|ws|wss://[user[:password]@]host[:port][/topic]";

}  // namespace

TEST_CASE("core::parse_broker_url") {
  SUBCASE("each scheme, default port left unset") {
    const struct {
      std::string_view text;
      Transport transport;
    } cases[] = {
        {"mqtt://broker", Transport::tcp},     {"tcp://broker", Transport::tcp},
        {"mqtts://broker", Transport::tls},    {"ssl://broker", Transport::tls},
        {"ws://broker", Transport::websocket}, {"wss://broker", Transport::websocket_tls},
    };
    for (const auto& example : cases) {
      const auto url = parsed(example.text);
      CHECK(url.transport == example.transport);
      CHECK(url.host == "broker");
      CHECK_FALSE(url.port.has_value());
      CHECK_FALSE(url.topic.has_value());
      CHECK_FALSE(url.username.has_value());
      CHECK_FALSE(url.password.has_value());
    }
  }
  SUBCASE("host and port") {
    const auto url = parsed("mqtt://example.com:1884");
    CHECK(url.host == "example.com");
    CHECK(url.port == std::uint16_t{1884});
    CHECK(parsed("mqtt://h:1").port == std::uint16_t{1});
    CHECK(parsed("mqtt://h:65535").port == std::uint16_t{65535});
  }
  SUBCASE("user and password") {
    const auto url = parsed("mqtt://alice:s3cret@broker:1883");
    CHECK(url.username == "alice");
    CHECK(url.password == "s3cret");
    CHECK(url.host == "broker");
    CHECK(url.port == std::uint16_t{1883});
  }
  SUBCASE("a password containing '@' and ':'") {
    const auto url = parsed("mqtts://bob:p@ss:w@rd@broker");
    CHECK(url.username == "bob");
    CHECK(url.password == "p@ss:w@rd");
    CHECK(url.host == "broker");
  }
  SUBCASE("a user without password, and an empty password") {
    const auto user_only = parsed("mqtt://carol@broker");
    CHECK(user_only.username == "carol");
    CHECK_FALSE(user_only.password.has_value());
    const auto empty_password = parsed("mqtt://carol:@broker");
    CHECK(empty_password.password == "");
  }
  SUBCASE("IPv6 literals") {
    const auto with_port = parsed("mqtt://[::1]:1883");
    CHECK(with_port.host == "::1");
    CHECK(with_port.port == std::uint16_t{1883});
    const auto without_port = parsed("wss://[fe80::1]/t");
    CHECK(without_port.host == "fe80::1");
    CHECK_FALSE(without_port.port.has_value());
    CHECK(without_port.topic == "t");
    CHECK(parsed("mqtt://u:p@[::1]:8000").host == "::1");
  }
  SUBCASE("the path is the topic, slashes kept") {
    CHECK(parsed("mqtt://broker/sensors/+/temp").topic == "sensors/+/temp");
    CHECK(parsed("mqtt://broker:1883/a/b/").topic == "a/b/");
    CHECK(parsed("mqtt://broker//leading").topic == "/leading");
  }
  SUBCASE("an empty path is no topic") {
    CHECK_FALSE(parsed("mqtt://broker/").topic.has_value());
    CHECK_FALSE(parsed("mqtt://broker:1883/").topic.has_value());
  }
  SUBCASE("bad ports") {
    CHECK(error_of("mqtt://broker:0") == "port '0' is not a number from 1 to 65535");
    CHECK(error_of("mqtt://broker:70000") == "port '70000' is not a number from 1 to 65535");
    CHECK(error_of("mqtt://broker:abc") == "port 'abc' is not a number from 1 to 65535");
    CHECK(error_of("mqtt://broker:18x") == "port '18x' is not a number from 1 to 65535");
    CHECK(error_of("mqtt://broker:-1") == "port '-1' is not a number from 1 to 65535");
    CHECK(error_of("mqtt://broker:99999999999") == "port '99999999999' is not a number from 1 to 65535");
    CHECK(error_of("mqtt://broker:") == "empty port after ':'");
    CHECK(error_of("mqtt://[::1]:") == "empty port after ':'");
    CHECK(error_of("mqtt://[::1]:x") == "port 'x' is not a number from 1 to 65535");
  }
  SUBCASE("missing host") {
    CHECK(error_of("mqtt://") == "missing host (" + std::string(help) + ")");
    CHECK(error_of("mqtt://:1883") == "missing host (" + std::string(help) + ")");
    CHECK(error_of("mqtt:///topic") == "missing host (" + std::string(help) + ")");
    CHECK(error_of("mqtt://user:pw@") == "missing host (" + std::string(help) + ")");
    CHECK(error_of("mqtt://[]:1883") == "missing host (" + std::string(help) + ")");
  }
  SUBCASE("scheme problems") {
    CHECK(error_of("broker:1883") == "missing scheme (" + std::string(help) + ")");
    CHECK(error_of("http://broker") == "unknown scheme 'http' (" + std::string(help) + ")");
    CHECK(error_of("MQTT://broker") == "unknown scheme 'MQTT' (" + std::string(help) + ")");
    CHECK(error_of("://broker") == "unknown scheme '' (" + std::string(help) + ")");
  }
  SUBCASE("credentials and IPv6 syntax") {
    CHECK(error_of("mqtt://:pw@broker") == "empty user name before '@' (" + std::string(help) + ")");
    CHECK(error_of("mqtt://[::1") == "unterminated '[' in IPv6 host");
    CHECK(error_of("mqtt://[::1]x") == "unexpected 'x' after IPv6 host");
  }
}

TEST_CASE("core::url transports") {
  CHECK(mq::default_port(Transport::tcp) == 1883);
  CHECK(mq::default_port(Transport::tls) == 8883);
  CHECK(mq::default_port(Transport::websocket) == 80);
  CHECK(mq::default_port(Transport::websocket_tls) == 443);

  CHECK_FALSE(mq::uses_tls(Transport::tcp));
  CHECK(mq::uses_tls(Transport::tls));
  CHECK_FALSE(mq::uses_tls(Transport::websocket));
  CHECK(mq::uses_tls(Transport::websocket_tls));

  CHECK_FALSE(mq::uses_websocket(Transport::tcp));
  CHECK_FALSE(mq::uses_websocket(Transport::tls));
  CHECK(mq::uses_websocket(Transport::websocket));
  CHECK(mq::uses_websocket(Transport::websocket_tls));

  CHECK(mq::scheme_name(Transport::tcp) == "mqtt");
  CHECK(mq::scheme_name(Transport::tls) == "mqtts");
  CHECK(mq::scheme_name(Transport::websocket) == "ws");
  CHECK(mq::scheme_name(Transport::websocket_tls) == "wss");

  SUBCASE("scheme names parse back to their transport") {
    for (const auto transport :
         {Transport::tcp, Transport::tls, Transport::websocket, Transport::websocket_tls}) {
      const auto url = parse_broker_url(std::string(mq::scheme_name(transport)) + "://h");
      REQUIRE(url.has_value());
      CHECK(url->transport == transport);
    }
  }
}
