#include <doctest/doctest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "mq/output/json_line.hpp"

namespace {

using mq::output::Message;

Message sample(std::string payload) {
  using namespace std::chrono;
  Message message;
  message.topic = "sensors/1";
  message.payload = std::move(payload);
  const auto instant = sys_days{year{2026} / November / 25} + hours{10};
  message.received_at = time_point_cast<system_clock::duration>(instant + nanoseconds{123456789});
  return message;
}

// Independent of the code under test, so a wrong alphabet or padding shows up.
std::string decode_base64(const std::string& text) {
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string bytes;
  unsigned bits = 0;
  int bit_count = 0;
  for (const char c : text) {
    if (c == '=') break;
    bits = (bits << 6U) | static_cast<unsigned>(alphabet.find(c));
    bit_count += 6;
    if (bit_count >= 8) {
      bit_count -= 8;
      bytes.push_back(static_cast<char>((bits >> static_cast<unsigned>(bit_count)) & 0xFFU));
    }
  }
  return bytes;
}

std::string line_of(const Message& message) {
  std::string out;
  mq::output::render_json_line(message, out);
  return out;
}

}  // namespace

TEST_CASE("output::render_json_line writes text payloads as strings") {
  CHECK(
      line_of(sample("21.5")) ==
      R"({"topic":"sensors/1","payload":"21.5","qos":0,"retain":false,"time":"2026-11-25T10:00:00.123456Z"})");
  CHECK(line_of(sample("")) ==
        R"({"topic":"sensors/1","payload":"","qos":0,"retain":false,"time":"2026-11-25T10:00:00.123456Z"})");
}

TEST_CASE("output::render_json_line adds the message id at QoS > 0 and the retain flag as a bool") {
  Message message = sample("x");
  message.qos = 2;
  message.message_id = 513;
  message.retained = true;
  CHECK(line_of(message) == R"({"topic":"sensors/1","payload":"x","qos":2,"retain":true,"mid":513,)"
                            R"("time":"2026-11-25T10:00:00.123456Z"})");
}

TEST_CASE("output::render_json_line writes binary payloads as payload_base64") {
  CHECK(
      line_of(sample(std::string("\x00\xff\x10", 3))) ==
      R"({"topic":"sensors/1","payload_base64":"AP8Q","qos":0,"retain":false,"time":"2026-11-25T10:00:00.123456Z"})");
}

TEST_CASE("output::render_json_line escapes control characters and keeps UTF-8") {
  CHECK(line_of(sample("a\"\\\n\x1f\x7f\xc3\xa9")) ==
        "{\"topic\":\"sensors/1\",\"payload\":\"a\\\"\\\\\\n\\u001f\x7f\xc3\xa9\",\"qos\":0,\"retain\":false,"
        "\"time\":\"2026-11-25T10:00:00.123456Z\"}");
}

TEST_CASE("output::render_json_line lists every v5 property") {
  Message message = sample("p");
  auto& properties = message.properties;
  properties.content_type = "application/json";
  properties.correlation_data = "req-1";
  properties.message_expiry_interval = 60;
  properties.payload_format_indicator = 1;
  properties.response_topic = "replies/1";
  properties.topic_alias = 9;
  properties.subscription_identifiers = {3, 4};
  properties.user_properties = {{"k", "v1"}, {"k", "v2"}};
  CHECK(
      line_of(message) ==
      R"({"topic":"sensors/1","payload":"p","qos":0,"retain":false,"time":"2026-11-25T10:00:00.123456Z",)"
      R"("properties":{"content_type":"application/json","correlation_data":"req-1","message_expiry_interval":60,)"
      R"("payload_format_indicator":1,"response_topic":"replies/1","topic_alias":9,)"
      R"("subscription_identifiers":[3,4],"user_properties":[["k","v1"],["k","v2"]]}})");

  Message binary_correlation = sample("p");
  binary_correlation.properties.correlation_data = std::string("\xff\x00", 2);
  CHECK(line_of(binary_correlation) ==
        R"({"topic":"sensors/1","payload":"p","qos":0,"retain":false,"time":"2026-11-25T10:00:00.123456Z",)"
        R"("properties":{"correlation_data_base64":"/wA="}})");
}

TEST_CASE("output::render_json_line times are UTC whatever the time zone, before 1970 too") {
  Message message = sample("x");
  message.received_at = std::chrono::system_clock::time_point{} - std::chrono::microseconds{1};
  CHECK(nlohmann::json::parse(line_of(message))["time"] == "1969-12-31T23:59:59.999999Z");
  message.received_at = std::chrono::system_clock::time_point{std::chrono::seconds{951782400}};
  CHECK(nlohmann::json::parse(line_of(message))["time"] == "2000-02-29T00:00:00.000000Z");
}

TEST_CASE("output::render_json_line is valid JSON that round-trips any payload") {
  std::mt19937 random(20261125);
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_int_distribution<int> length(0, 64);
  std::uniform_int_distribution<int> ascii_only(0, 3);
  for (int round = 0; round < 2000; ++round) {
    std::string payload(static_cast<std::size_t>(length(random)), '\0');
    const bool ascii = ascii_only(random) == 0;
    for (char& c : payload) c = static_cast<char>(ascii ? byte(random) % 128 : byte(random));
    Message message = sample(payload);
    message.topic = "t/" + payload.substr(0, 4);
    const std::string line = line_of(message);
    CAPTURE(line);
    const auto parsed = nlohmann::json::parse(line);  // throws on invalid JSON or UTF-8
    if (parsed.contains("payload")) {
      CHECK(parsed["payload"].get<std::string>() == payload);
    } else {
      CHECK(decode_base64(parsed["payload_base64"].get<std::string>()) == payload);
    }
    CHECK(line.find('\n') == std::string::npos);
  }
}
