// The SOCKS5 client messages byte for byte, and the words a person reads when a proxy says no.
#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>

#include <cerrno>
#include <cstdint>
#include <string>
#include <vector>

#include "mq/net/socks5.hpp"

using mq::net::socks5::Bytes;
namespace socks5 = mq::net::socks5;

TEST_CASE("net::socks5::greeting") {
  CHECK(socks5::greeting(false) == Bytes{5, 1, 0});
  CHECK(socks5::greeting(true) == Bytes{5, 2, 0, 2});
}

TEST_CASE("net::socks5::parse_method_choice") {
  CHECK(socks5::parse_method_choice(Bytes{5, 0}, false).value() == socks5::Method::no_authentication);
  CHECK(socks5::parse_method_choice(Bytes{5, 0}, true).value() == socks5::Method::no_authentication);
  CHECK(socks5::parse_method_choice(Bytes{5, 2}, true).value() == socks5::Method::user_password);
  CHECK(socks5::parse_method_choice(Bytes{5, 2}, false).error() ==
        "it chose authentication method 2, which we did not offer");
  CHECK(socks5::parse_method_choice(Bytes{5, 0xFF}, false).error() ==
        "it requires authentication (give user:password@ in --proxy)");
  CHECK(socks5::parse_method_choice(Bytes{5, 0xFF}, true).error() ==
        "it accepts neither no authentication nor user/password");
  CHECK(socks5::parse_method_choice(Bytes{4, 0}, false).error() ==
        "not a SOCKS5 proxy (it answered version 4)");
  CHECK(socks5::parse_method_choice(Bytes{5}, false).error() == "method choice of 1 bytes (expected 2)");
}

TEST_CASE("net::socks5::user_password_request") {
  CHECK(socks5::user_password_request("ann", "pw").value() == Bytes{1, 3, 'a', 'n', 'n', 2, 'p', 'w'});
  CHECK(socks5::user_password_request("", "pw").error() == "proxy user name must be 1 to 255 bytes, not 0");
  CHECK(socks5::user_password_request("ann", std::string(256, 'x')).error() ==
        "proxy password must be 1 to 255 bytes, not 256");
  CHECK(socks5::user_password_request(std::string(255, 'u'), std::string(255, 'p')).value().size() == 513);
}

TEST_CASE("net::socks5::parse_user_password_reply") {
  CHECK(socks5::parse_user_password_reply(Bytes{1, 0}).has_value());
  CHECK(socks5::parse_user_password_reply(Bytes{1, 1}).error() == "user name or password rejected");
  CHECK(socks5::parse_user_password_reply(Bytes{5, 0}).error() ==
        "authentication reply has version 5 (expected 1)");
}

TEST_CASE("net::socks5::connect_request_for_name") {
  CHECK(socks5::connect_request_for_name("broker.test", 1883).value() ==
        Bytes{5, 1, 0, 3, 11, 'b', 'r', 'o', 'k', 'e', 'r', '.', 't', 'e', 's', 't', 0x07, 0x5B});
  CHECK(socks5::connect_request_for_name("", 1883).error() ==
        "host name must be 1 to 255 bytes for SOCKS5, not 0");
  CHECK(socks5::connect_request_for_name(std::string(256, 'h'), 1883).error() ==
        "host name must be 1 to 255 bytes for SOCKS5, not 256");
}

TEST_CASE("net::socks5::connect_request_for_address") {
  sockaddr_in ipv4{};
  ipv4.sin_family = AF_INET;
  ipv4.sin_port = htons(8883);
  ::inet_pton(AF_INET, "192.0.2.7", &ipv4.sin_addr);
  CHECK(socks5::connect_request_for_address(reinterpret_cast<const sockaddr*>(&ipv4)).value() ==
        Bytes{5, 1, 0, 1, 192, 0, 2, 7, 0x22, 0xB3});

  sockaddr_in6 ipv6{};
  ipv6.sin6_family = AF_INET6;
  ipv6.sin6_port = htons(1);
  ::inet_pton(AF_INET6, "::1", &ipv6.sin6_addr);
  CHECK(socks5::connect_request_for_address(reinterpret_cast<const sockaddr*>(&ipv6)).value() ==
        Bytes{5, 1, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1});

  sockaddr unix_like{};
  unix_like.sa_family = AF_UNIX;
  CHECK(socks5::connect_request_for_address(&unix_like).error() ==
        "address family 1 cannot be sent to a SOCKS5 proxy");
}

TEST_CASE("net::socks5::connect_reply_size") {
  CHECK(socks5::connect_reply_size(Bytes{5, 0, 0, 1, 127}).value() == 10);
  CHECK(socks5::connect_reply_size(Bytes{5, 0, 0, 4, 0}).value() == 22);
  CHECK(socks5::connect_reply_size(Bytes{5, 0, 0, 3, 9}).value() == 16);
  CHECK(socks5::connect_reply_size(Bytes{5, 0, 0, 9, 0}).error() == "reply with unknown address type 9");
  CHECK(socks5::connect_reply_size(Bytes{0, 90, 0, 1, 0}).error() ==
        "not a SOCKS5 proxy (it answered version 0)");
  CHECK(socks5::connect_reply_size(Bytes{5, 0, 0}).error() == "reply of 3 bytes (expected at least 5)");
}

TEST_CASE("net::socks5::reply_text and reply_errno") {
  CHECK(socks5::reply_text(1) == "general SOCKS server failure");
  CHECK(socks5::reply_text(2) == "connection not allowed by ruleset");
  CHECK(socks5::reply_text(5) == "connection refused by destination");
  CHECK(socks5::reply_text(8) == "address type not supported");
  CHECK(socks5::reply_text(9) == "unassigned reply code");
  CHECK(socks5::reply_errno(0) == 0);
  CHECK(socks5::reply_errno(1) == ECONNABORTED);
  CHECK(socks5::reply_errno(2) == EACCES);
  CHECK(socks5::reply_errno(4) == EHOSTUNREACH);
  CHECK(socks5::reply_errno(5) == ECONNREFUSED);
  CHECK(socks5::reply_errno(6) == ETIMEDOUT);
}
