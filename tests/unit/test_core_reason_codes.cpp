#include <doctest/doctest.h>

#include <set>
#include <string>

#include "mq/core/reason_codes.hpp"

using mq::connack_hint;
using mq::connack_v3_text;
using mq::reason_code_text;

TEST_CASE("core::reason_code_text") {
  CHECK(reason_code_text(0x00) == "success");
  CHECK(reason_code_text(0x02) == "granted QoS 2");
  CHECK(reason_code_text(0x10) == "no matching subscribers");
  CHECK(reason_code_text(0x80) == "unspecified error");
  CHECK(reason_code_text(0x86) == "bad user name or password");
  CHECK(reason_code_text(135) == "not authorized");
  CHECK(reason_code_text(0x8A) == "banned");
  CHECK(reason_code_text(0x97) == "quota exceeded");
  CHECK(reason_code_text(0xA2) == "wildcard subscriptions not supported");

  SUBCASE("unknown codes are named with their number") {
    CHECK(reason_code_text(0x03) == "unknown reason code 3");
    CHECK(reason_code_text(0xA3) == "unknown reason code 163");
    CHECK(reason_code_text(-1) == "unknown reason code -1");
  }
  SUBCASE("every CONNACK refusal mosquitto can return (128-162) has its own words") {
    std::set<std::string> seen;
    for (int code = 0x80; code <= 0xA2; ++code) {
      CAPTURE(code);
      const auto text = reason_code_text(code);
      CHECK_FALSE(text.starts_with("unknown"));
      CHECK(seen.insert(text).second);
    }
  }
}

TEST_CASE("core::connack_v3_text") {
  CHECK(connack_v3_text(0) == "connection accepted");
  CHECK(connack_v3_text(1) == "unacceptable protocol version");
  CHECK(connack_v3_text(2) == "identifier rejected");
  CHECK(connack_v3_text(3) == "server unavailable");
  CHECK(connack_v3_text(4) == "bad user name or password");
  CHECK(connack_v3_text(5) == "not authorized");
  CHECK(connack_v3_text(6) == "unknown CONNACK return code 6");
  CHECK(connack_v3_text(-1) == "unknown CONNACK return code -1");
}

TEST_CASE("core::connack_hint") {
  CHECK(connack_hint(4, 4) == "check -u/-P, --pw-file or MQ_PASSWORD");
  CHECK(connack_hint(0x86, 5) == "check -u/-P, --pw-file or MQ_PASSWORD");
  CHECK(connack_hint(5, 3) == "the broker's ACL or password settings refuse this client");
  CHECK(connack_hint(0x87, 5) == "the broker's ACL or password settings refuse this client");
  CHECK(connack_hint(2, 4) == "choose another client id with -i, or use -I");
  CHECK(connack_hint(0x85, 5) == "choose another client id with -i, or use -I");
  CHECK(connack_hint(1, 4) == "try another protocol version with -V");
  CHECK(connack_hint(0x84, 5) == "try another protocol version with -V");
  CHECK(connack_hint(0x8A, 5) == "the broker has banned this client");

  SUBCASE("codes mean different things per version") {
    CHECK(connack_hint(4, 5) == "");
    CHECK(connack_hint(0x86, 4) == "");
    CHECK(connack_hint(0x8A, 4) == "");
  }
  SUBCASE("no hint where there is nothing to suggest") {
    CHECK(connack_hint(3, 4) == "");
    CHECK(connack_hint(0x88, 5) == "");
  }
}
