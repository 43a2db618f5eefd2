// %j and %J. Expected strings are mosquitto_sub 2.0.11's output for the same message (see
// test_output_format.cpp) with one deliberate change: "tst" has no stray 'Z' before the offset.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <nlohmann/json.hpp>
#include <string>

#include "mq/output/format.hpp"

namespace {

using mq::output::Message;

Message message_at_fixed_time(std::string topic, std::string payload, int qos) {
  using namespace std::chrono;
  Message message;
  message.topic = std::move(topic);
  message.payload = std::move(payload);
  message.qos = qos;
  message.message_id = qos > 0 ? 1 : 0;
  const auto instant = sys_days{year{2026} / November / 25} + hours{10} + minutes{33} + seconds{55};
  message.received_at = time_point_cast<system_clock::duration>(instant + nanoseconds{261214999});
  return message;
}

void add_properties(Message& message) {
  auto& properties = message.properties;
  properties.content_type = "text/plain";
  properties.correlation_data = "corr";
  properties.message_expiry_interval = 100;
  properties.payload_format_indicator = 1;
  properties.response_topic = "rt/x";
  properties.user_properties = {{"k1", "v1"}, {"k1", "v2"}, {"a", "b"}};
  properties.subscription_identifiers = {7};
}

// Renders in UTC ("tst" is local time) and puts the old TZ back.
std::string rendered(std::string_view format_text, const Message& message) {
  const char* old_zone = std::getenv("TZ");
  const std::string previous = old_zone != nullptr ? old_zone : "";
  ::setenv("TZ", "UTC0", 1);
  ::tzset();
  struct Restore {
    bool had_zone;
    const std::string& zone;
    ~Restore() {
      if (had_zone) {
        ::setenv("TZ", zone.c_str(), 1);
      } else {
        ::unsetenv("TZ");
      }
      ::tzset();
    }
  } restore{old_zone != nullptr, previous};
  const auto format = mq::output::parse_format(format_text);
  REQUIRE(format.has_value());
  std::string out;
  mq::output::render(*format, message, out);
  return out;
}

const std::string head = R"({"tst":"2026-11-25T10:33:55.261214+0000","topic":"ab/cd",)";
const std::string properties_json =
    R"("properties":{"subscription-identifier":7,"content-type":"text/plain","correlation-data":"corr",)"
    R"("payload-format-indicator":1,"response-topic":"rt/x","user-properties":{"k1":"v1","k1":"v2","a":"b"},)"
    R"("message-expiry-interval":100},)";

}  // namespace

TEST_CASE("output %j matches mosquitto_sub 2.0.11 key order and escaping") {
  Message message = message_at_fixed_time("ab/cd", "hello", 1);
  CHECK(rendered("%j", message) == head + R"("qos":1,"retain":0,"payloadlen":5,"mid":1,"payload":"hello"})");

  add_properties(message);
  CHECK(rendered("%j", message) ==
        head + R"("qos":1,"retain":0,"payloadlen":5,"mid":1,)" + properties_json + R"("payload":"hello"})");

  Message escaped = message_at_fixed_time("ab/cd", "a\"b\\c\td\n\x01/\x7f\xc3\xa9\xe2\x82\xac", 0);
  CHECK(rendered("%j", escaped) == head +
                                       "\"qos\":0,\"retain\":0,\"payloadlen\":16,\"payload\":"
                                       "\"a\\\"b\\\\c\\td\\n\\u0001/\x7f\xc3\xa9\xe2\x82\xac\"}");

  Message retained = message_at_fixed_time("ab/cd", "x", 2);
  retained.retained = true;
  CHECK(rendered("%j", retained) == head + R"("qos":2,"retain":1,"payloadlen":1,"mid":1,"payload":"x"})");
}

TEST_CASE("output %j and %J print an empty payload as null like mosquitto_sub 2.0.11") {
  const Message empty = message_at_fixed_time("ab/cd", "", 1);
  const std::string line = head + R"("qos":1,"retain":0,"payloadlen":0,"mid":1,"payload":null})";
  CHECK(rendered("%j|%J", empty) == line + "|" + line);
}

TEST_CASE("output %J inserts JSON payloads compactly like mosquitto_sub 2.0.11") {
  Message message = message_at_fixed_time("ab/cd", R"({"a": [1, 2], "b" : {"c":null}})", 1);
  add_properties(message);
  CHECK(rendered("%J", message) == head + R"("qos":1,"retain":0,"payloadlen":31,"mid":1,)" + properties_json +
                                       R"("payload":{"a":[1,2],"b":{"c":null}}})");

  // mosquitto_sub 2.0.11 printed [..,1000,..] for 1e3 (cJSON reformats numbers); we keep numbers as written.
  const Message strings = message_at_fixed_time(
      "ab/cd", "  [\"\\u00e9\\/\\n\", \"\\ud83d\\ude00\", true, false, null, -0, 0.5, 1e3, \"tab\traw\"] ",
      0);
  CHECK(
      rendered("%J", strings) ==
      head +
          "\"qos\":0,\"retain\":0,\"payloadlen\":77,\"payload\":[\"\xc3\xa9/\\n\",\"\xf0\x9f\x98\x80\",true,"
          "false,null,-0,0.5,1e3,\"tab\\traw\"]}");
}

TEST_CASE("output %J falls back to %j's string when the payload is not JSON") {
  // mosquitto_sub 2.0.11 prints an empty line here (and an error on stderr).
  const Message text = message_at_fixed_time("ab/cd", "not json", 0);
  CHECK(rendered("%J", text) == head + R"("qos":0,"retain":0,"payloadlen":8,"payload":"not json"})");
  CHECK(rendered("%J", text) == rendered("%j", text));
}

TEST_CASE("output %j writes binary payloads as payload_base64 instead of losing them") {
  // mosquitto_sub 2.0.11 wrote the raw bytes up to the first NUL ("a\u0001\xff"): invalid UTF-8, data lost.
  const Message binary = message_at_fixed_time("ab/cd", std::string("a\x01\xff\0b", 5), 0);
  const std::string expected = head + R"("qos":0,"retain":0,"payloadlen":5,"payload_base64":"YQH/AGI="})";
  CHECK(rendered("%j", binary) == expected);
  CHECK(rendered("%J", binary) == expected);
  CHECK(nlohmann::json::parse(rendered("%j", binary))["payload_base64"] == "YQH/AGI=");
}

TEST_CASE("output %j writes binary correlation data as base64 and never emits invalid UTF-8") {
  Message message = message_at_fixed_time("ab/cd", "x", 0);
  message.properties.correlation_data = std::string("\x00\xfe", 2);
  message.properties.user_properties = {{"bad\xff", "v"}};
  message.properties.topic_alias = 4;
  CHECK(rendered("%j", message) ==
        head + R"("qos":0,"retain":0,"payloadlen":1,"properties":{"correlation-data_base64":"AP4=",)"
               R"("user-properties":{"bad\ufffd":"v"},"topic-alias":4},"payload":"x"})");
  CHECK(nlohmann::json::accept(rendered("%j", message)));
}

TEST_CASE("output %j and %J stay valid JSON for awkward payloads") {
  for (const std::string& payload : {std::string("\0", 1), std::string("{\"a\":1}{"), std::string("01"),
                                     std::string("[1,]"), std::string("\"\\ud800\""), std::string(2000, '['),
                                     std::string("\xed\xa0\x80"), std::string("\xc0\xaf")}) {
    CAPTURE(payload);
    const Message message = message_at_fixed_time("t", payload, 0);
    for (const char* format : {"%j", "%J"}) {
      const std::string line = rendered(format, message);
      CAPTURE(line);
      CHECK(nlohmann::json::accept(line));
    }
  }
}
