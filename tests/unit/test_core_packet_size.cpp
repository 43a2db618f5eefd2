// PUBLISH packet sizes, worked out by hand from the MQTT 3.1.1 and 5 packet layouts.
#include <doctest/doctest.h>

#include "mq/core/packet_size.hpp"

TEST_CASE("an MQTT 3.1.1 QoS 0 publish: fixed header, topic with its length, payload") {
  // 0x30, remaining length 12 (one byte), 00 03 't' 'o' 'p', "hello" + 2 = 12.
  const auto size = mq::publish_packet_size(3, 7, 0, nullptr);
  CHECK(size.remaining_length == 2 + 3 + 7);
  CHECK(size.total == 1 + 1 + 12);
}

TEST_CASE("QoS 1 and 2 add the packet id; MQTT 5 adds the property length even when empty") {
  CHECK(mq::publish_packet_size(3, 7, 1, nullptr).remaining_length == 14);
  CHECK(mq::publish_packet_size(3, 7, 2, nullptr).remaining_length == 14);
  const mq::MessageProperties none;
  CHECK(mq::publish_packet_size(3, 7, 1, &none).remaining_length == 15);
}

TEST_CASE("the remaining length's own size grows at 128, 16384 and 2097152") {
  CHECK(mq::publish_packet_size(1, 124, 0, nullptr).total == 1 + 1 + 127);
  CHECK(mq::publish_packet_size(1, 125, 0, nullptr).total == 1 + 2 + 128);
  CHECK(mq::publish_packet_size(1, 16381, 0, nullptr).total == 1 + 3 + 16384);
  CHECK(mq::publish_packet_size(1, 2097149, 0, nullptr).total == 1 + 4 + 2097152);
}

TEST_CASE("every MQTT 5 publish property is counted with its identifier") {
  mq::MessageProperties properties;
  properties.payload_format_indicator = 1;          // 1 + 1
  properties.message_expiry_interval = 60;          // 1 + 4
  properties.topic_alias = 3;                       // 1 + 2
  properties.content_type = "text/plain";           // 1 + 2 + 10
  properties.response_topic = "re";                 // 1 + 2 + 2
  properties.correlation_data = "abc";              // 1 + 2 + 3
  properties.user_properties = {{"unit", "C"}};     // 1 + 2 + 4 + 2 + 1
  CHECK(mq::encoded_properties_size(properties) == 2 + 5 + 3 + 13 + 5 + 6 + 10);
  const auto size = mq::publish_packet_size(3, 7, 1, &properties);
  CHECK(size.remaining_length == 2 + 3 + 2 + 1 + 44 + 7);
}

TEST_CASE("a payload that alone fits MQTT's limit can still make the packet too big") {
  const std::size_t payload = mq::mqtt_max_remaining_length - 2;
  CHECK(mq::publish_packet_size(0, payload, 0, nullptr).remaining_length == mq::mqtt_max_remaining_length);
  CHECK(mq::publish_packet_size(1, payload, 0, nullptr).remaining_length > mq::mqtt_max_remaining_length);
}
