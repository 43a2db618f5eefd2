#include <doctest/doctest.h>

#include <string>

#include "mq/core/topic.hpp"

using mq::is_valid_mqtt_utf8;
using mq::topic_matches;
using mq::validate_topic_filter;
using mq::validate_topic_name;

namespace {

std::string name_error(std::string_view topic) {
  const auto valid = validate_topic_name(topic);
  REQUIRE_FALSE(valid.has_value());
  return valid.error();
}

std::string filter_error(std::string_view filter) {
  const auto valid = validate_topic_filter(filter);
  REQUIRE_FALSE(valid.has_value());
  return valid.error();
}

using namespace std::string_literals;

constexpr std::string_view plus_message = "'+' must occupy a whole topic level (e.g. a/+/b)";
constexpr std::string_view hash_level_message = "'#' must occupy a whole topic level (e.g. a/#)";
constexpr std::string_view hash_last_message = "'#' must be the last level of a filter (e.g. a/#)";

}  // namespace

TEST_CASE("core::validate_topic_name") {
  for (const std::string_view good : {"a", "a/b/c", "/", "a//b", "/leading", "trailing/", "$SYS/broker", " ",
                                      "caf\xC3\xA9/\xE2\x82\xAC/\xF0\x9F\x98\x80"}) {
    CAPTURE(good);
    CHECK(validate_topic_name(good).has_value());
  }
  CHECK(name_error("") == "empty topic (a topic needs at least one character)");
  CHECK(name_error("a/+/b") == "wildcards '+' and '#' are not allowed in a topic name (only in filters)");
  CHECK(name_error("a/#") == "wildcards '+' and '#' are not allowed in a topic name (only in filters)");
  CHECK(name_error("a+") == "wildcards '+' and '#' are not allowed in a topic name (only in filters)");

  SUBCASE("length limit counts bytes") {
    CHECK(validate_topic_name(std::string(65535, 'a')).has_value());
    CHECK(name_error(std::string(65536, 'a')) == "too long: 65536 bytes (MQTT allows at most 65535)");
    // 21845 three-byte characters are 65535 bytes; one more ASCII byte is too many.
    std::string euros;
    for (int i = 0; i < 21845; ++i) euros += "\xE2\x82\xAC";
    CHECK(validate_topic_name(euros).has_value());
    CHECK(name_error(euros + "x") == "too long: 65536 bytes (MQTT allows at most 65535)");
  }
  SUBCASE("U+0000") {
    CHECK(name_error("a\0b"s) == "contains U+0000, which MQTT forbids in topics");
    CHECK(name_error("\0"s) == "contains U+0000, which MQTT forbids in topics");
  }
  SUBCASE("invalid UTF-8") {
    CHECK(name_error("\xFF") == "not valid UTF-8");
    CHECK(name_error("caf\xC3") == "not valid UTF-8");             // truncated sequence
    CHECK(name_error("\xC0\xAF") == "not valid UTF-8");            // overlong '/'
    CHECK(name_error("\xED\xA0\x80") == "not valid UTF-8");        // surrogate U+D800
    CHECK(name_error("a/\xF4\x90\x80\x80") == "not valid UTF-8");  // beyond U+10FFFF
  }
}

TEST_CASE("core::validate_topic_filter") {
  for (const std::string_view good :
       {"#", "+", "a/+/b", "a/#", "+/+", "+/#", "/#", "a//+", "$SYS/#", "a/b", "$share/group/a/+"}) {
    CAPTURE(good);
    CHECK(validate_topic_filter(good).has_value());
  }
  CHECK(filter_error("a/#/b") == hash_last_message);
  CHECK(filter_error("#/") == hash_last_message);
  CHECK(filter_error("a+") == plus_message);
  CHECK(filter_error("a/+b/c") == plus_message);
  CHECK(filter_error("++") == plus_message);
  CHECK(filter_error("a#") == hash_level_message);
  CHECK(filter_error("a/b#") == hash_level_message);
  CHECK(filter_error("##") == hash_level_message);
  CHECK(filter_error("") == "empty topic (a topic needs at least one character)");
  CHECK(filter_error("a/\xC0\x80") == "not valid UTF-8");
  CHECK(filter_error("a/\0"s) == "contains U+0000, which MQTT forbids in topics");
  CHECK(validate_topic_filter(std::string(65534, 'a') + "#").has_value() == false);
  CHECK(validate_topic_filter(std::string(65533, 'a') + "/#").has_value());
  CHECK(filter_error(std::string(65534, 'a') + "/#") == "too long: 65536 bytes (MQTT allows at most 65535)");
}

TEST_CASE("core::topic_matches") {
  SUBCASE("exact and single-level wildcards") {
    CHECK(topic_matches("a/b", "a/b"));
    CHECK_FALSE(topic_matches("a/b", "a/c"));
    CHECK_FALSE(topic_matches("a/b", "a/b/c"));
    CHECK_FALSE(topic_matches("a/b/c", "a/b"));
    CHECK(topic_matches("a/+/c", "a/b/c"));
    CHECK(topic_matches("a/+/c", "a//c"));
    CHECK_FALSE(topic_matches("a/+/c", "a/b/d"));
    CHECK_FALSE(topic_matches("a/+", "a"));
    CHECK(topic_matches("a/+", "a/"));
    CHECK(topic_matches("+", "a"));
    CHECK_FALSE(topic_matches("+", "a/b"));
    CHECK(topic_matches("+/+", "/"));
    CHECK(topic_matches("/+", "/x"));
  }
  SUBCASE("multi-level wildcard") {
    CHECK(topic_matches("#", "a"));
    CHECK(topic_matches("#", "a/b/c"));
    CHECK(topic_matches("#", "/"));
    CHECK(topic_matches("a/#", "a/b"));
    CHECK(topic_matches("a/#", "a/b/c"));
    CHECK(topic_matches("a/#", "a"));  // the parent level itself (MQTT 4.7.1.2)
    CHECK(topic_matches("a/#", "a/"));
    CHECK_FALSE(topic_matches("a/#", "ab"));
    CHECK_FALSE(topic_matches("a/#", "b/a"));
    CHECK(topic_matches("+/#", "a"));
    CHECK(topic_matches("a/+/#", "a/b"));
    CHECK_FALSE(topic_matches("a/+/#", "a"));
  }
  SUBCASE("$-topics are not matched by leading wildcards") {
    CHECK_FALSE(topic_matches("#", "$SYS/broker/uptime"));
    CHECK_FALSE(topic_matches("+/broker/uptime", "$SYS/broker/uptime"));
    CHECK_FALSE(topic_matches("+", "$x"));
    CHECK(topic_matches("$SYS/#", "$SYS/broker/uptime"));
    CHECK(topic_matches("$SYS/+/uptime", "$SYS/broker/uptime"));
    CHECK(topic_matches("a/#", "a/$b"));
  }
  SUBCASE("case matters") {
    CHECK_FALSE(topic_matches("A/b", "a/b"));
  }
}

TEST_CASE("core::is_valid_mqtt_utf8") {
  CHECK(is_valid_mqtt_utf8(""));
  CHECK(is_valid_mqtt_utf8("plain ascii"));
  CHECK(is_valid_mqtt_utf8("\xC2\x80"));          // U+0080, smallest two-byte
  CHECK(is_valid_mqtt_utf8("\xE0\xA0\x80"));      // U+0800, smallest three-byte
  CHECK(is_valid_mqtt_utf8("\xED\x9F\xBF"));      // U+D7FF, just below the surrogates
  CHECK(is_valid_mqtt_utf8("\xEE\x80\x80"));      // U+E000, just above them
  CHECK(is_valid_mqtt_utf8("\xF0\x90\x80\x80"));  // U+10000, smallest four-byte
  CHECK(is_valid_mqtt_utf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF, the last code point

  CHECK_FALSE(is_valid_mqtt_utf8("\0"s));
  CHECK_FALSE(is_valid_mqtt_utf8("\xC0\x80"));              // overlong U+0000
  CHECK_FALSE(is_valid_mqtt_utf8("\xC1\xBF"));              // overlong two-byte
  CHECK_FALSE(is_valid_mqtt_utf8("\xE0\x9F\xBF"));          // overlong three-byte
  CHECK_FALSE(is_valid_mqtt_utf8("\xF0\x8F\xBF\xBF"));      // overlong four-byte
  CHECK_FALSE(is_valid_mqtt_utf8("\xED\xA0\x80"));          // U+D800
  CHECK_FALSE(is_valid_mqtt_utf8("\xED\xBF\xBF"));          // U+DFFF
  CHECK_FALSE(is_valid_mqtt_utf8("\xF4\x90\x80\x80"));      // U+110000
  CHECK_FALSE(is_valid_mqtt_utf8("\xF8\x88\x80\x80\x80"));  // five-byte form
  CHECK_FALSE(is_valid_mqtt_utf8("\x80"));                  // lone continuation byte
  CHECK_FALSE(is_valid_mqtt_utf8("\xC3"));                  // truncated at the end
  CHECK_FALSE(is_valid_mqtt_utf8("\xE2\x82"));
  CHECK_FALSE(is_valid_mqtt_utf8("\xC3("));  // continuation byte missing
}
