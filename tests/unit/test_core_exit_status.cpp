#include <doctest/doctest.h>

#include <set>
#include <string>

#include "mq/core/exit_status.hpp"

namespace exit_status = mq::exit_status;

namespace {

// mosquitto's own numbers: usage 1, v3 CONNACK 1-5, -W timeout 27, v5 CONNACK 128-162.
bool in_mosquitto_range(int code) {
  return (code >= 1 && code <= 5) || code == 27 || (code >= 128 && code <= 162);
}

}  // namespace

TEST_CASE("core::exit_status constants") {
  CHECK(exit_status::ok == 0);
  CHECK(exit_status::usage == 1);
  CHECK(exit_status::timeout == 27);
  CHECK(exit_status::unreachable == 40);
  CHECK(exit_status::tls_failure == 41);
  CHECK(exit_status::publish_rejected == 42);
  CHECK(exit_status::subscribe_rejected == 43);
  CHECK(exit_status::not_acknowledged == 44);
  CHECK(exit_status::connection_lost == 45);
  CHECK(exit_status::io_error == 46);
  CHECK(exit_status::invalid_data == 47);
  CHECK(exit_status::idle_timeout == 48);
  CHECK(exit_status::gate_failed == 49);
  CHECK(exit_status::internal_error == 70);
  CHECK(exit_status::interrupted == 130);
}

TEST_CASE("core::exit_status::table") {
  const auto table = exit_status::table();
  REQUIRE(table.size() == 17);

  SUBCASE("in code order, codes and names unique, every entry explained") {
    std::set<int> codes;
    std::set<std::string_view> names;
    int previous = -1;
    for (const auto& entry : table) {
      CAPTURE(entry.code);
      CHECK(entry.code > previous);
      previous = entry.code;
      CHECK(codes.insert(entry.code).second);
      CHECK(names.insert(entry.name).second);
      CHECK_FALSE(entry.meaning.empty());
    }
  }
  SUBCASE("holds every named status") {
    std::set<int> codes;
    for (const auto& entry : table) codes.insert(entry.code);
    for (const int code : {0, 1, 27, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 70, 130}) {
      CAPTURE(code);
      CHECK(codes.count(code) == 1);
    }
    CHECK(codes.count(2) == 1);    // start of the v3 CONNACK range
    CHECK(codes.count(128) == 1);  // start of the v5 CONNACK range
  }
  SUBCASE("our own statuses stay clear of mosquitto's numbers") {
    // Allowed inside: mosquitto's own meanings (usage, timeout, the CONNACK ranges) and 130, where SIGINT's
    // conventional 128+2 coincides with the v5 CONNACK "protocol error" (documented in the table).
    const std::set<std::string_view> shared{"usage", "connack-v3", "timeout", "connack-v5", "interrupted"};
    for (const auto& entry : table) {
      CAPTURE(entry.name);
      if (shared.count(entry.name) == 0) CHECK_FALSE(in_mosquitto_range(entry.code));
    }
  }
  SUBCASE("names and meanings of the shared entries") {
    CHECK(table[0].name == "ok");
    CHECK(table[1].name == "usage");
    CHECK(table[2].meaning ==
          "2-5: MQTT 3.1.1 CONNACK refusal code (1 is shared with usage, as in mosquitto)");
    CHECK(table.back().name == "interrupted");
    CHECK(table.back().meaning == "SIGINT or SIGTERM (clean DISCONNECT sent); also MQTT 5 CONNACK 130");
  }
}
