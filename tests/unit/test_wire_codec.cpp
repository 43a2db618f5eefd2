// MQTT packets as bytes, checked against layouts worked out by hand from the MQTT 3.1.1 and 5 standards.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <string>
#include <vector>

#include "mq/core/packet_size.hpp"
#include "mq/wire/codec.hpp"

using mq::ProtocolVersion;
using mq::wire::PacketType;

namespace {

// Bytes as "10 0f 00 06", so a failing check shows where two packets differ.
std::string hex(std::string_view bytes) {
  std::string text;
  for (const char byte : bytes) {
    if (!text.empty()) text += ' ';
    text += fmt::format("{:02x}", static_cast<unsigned char>(byte));
  }
  return text;
}

std::string from_hex(std::string_view text) {
  std::string bytes;
  for (std::size_t at = 0; at < text.size(); ++at) {
    if (text[at] == ' ') continue;
    bytes.push_back(static_cast<char>(std::stoi(std::string(text.substr(at, 2)), nullptr, 16)));
    ++at;
  }
  return bytes;
}

mq::ResolvedConnection connection_for(ProtocolVersion version) {
  mq::ResolvedConnection connection;
  connection.version = version;
  return connection;
}

struct Received {
  PacketType type;
  std::uint8_t flags;
  std::string body;
  bool operator==(const Received&) const = default;
};

// Drains every whole packet the reader holds; a malformed stream fails the test.
void drain(mq::wire::PacketReader& reader, std::vector<Received>& received) {
  for (;;) {
    auto packet = reader.next();
    REQUIRE_MESSAGE(packet.has_value(), packet.error());
    if (!*packet) return;
    received.push_back({(*packet)->type, (*packet)->flags, std::string((*packet)->body)});
  }
}

void feed(mq::wire::PacketReader& reader, std::string_view bytes) {
  char* space = reader.space(bytes.size());
  bytes.copy(space, bytes.size());
  reader.commit(bytes.size());
}

std::string reader_error(std::string_view bytes, std::size_t max_packet_bytes = 1 << 20) {
  mq::wire::PacketReader reader(max_packet_bytes);
  feed(reader, bytes);
  const auto packet = reader.next();
  REQUIRE_FALSE(packet.has_value());
  return packet.error();
}

std::string connack_error(std::string_view body_hex, ProtocolVersion version = ProtocolVersion::v5) {
  const auto connack = mq::wire::parse_connack(from_hex(body_hex), version);
  REQUIRE_FALSE(connack.has_value());
  return connack.error();
}

}  // namespace

TEST_CASE("an MQTT 3.1.1 CONNECT carries the will, user name and password in the payload, in that order") {
  auto connection = connection_for(ProtocolVersion::v311);
  connection.keepalive_seconds = 60;
  connection.will = {"w/t", "bye", 1, true};
  connection.password = "pw";
  std::string out;
  mq::wire::append_connect(out, connection, "cid", std::string("u"));
  CHECK(hex(out) ==
        "10 20 "                  // CONNECT, remaining length 32
        "00 04 4d 51 54 54 04 "   // "MQTT", level 4
        "ee 00 3c "               // user, password, will retain, will QoS 1, will, clean session; 60 s
        "00 03 63 69 64 "         // client id
        "00 03 77 2f 74 "         // will topic
        "00 03 62 79 65 "         // will payload
        "00 01 75 00 02 70 77");  // user name, password
}

TEST_CASE("an MQTT 3.1 CONNECT names the protocol MQIsdp at level 3") {
  auto connection = connection_for(ProtocolVersion::v31);
  std::string out;
  mq::wire::append_connect(out, connection, "c", std::nullopt);
  CHECK(hex(out) == "10 0f 00 06 4d 51 49 73 64 70 03 02 00 3c 00 01 63");
}

TEST_CASE("an MQTT 5 CONNECT sends the -D connect properties, and -D session expiry wins over -x") {
  auto connection = connection_for(ProtocolVersion::v5);
  connection.keepalive_seconds = 30;
  connection.session_expiry_seconds = 120;
  connection.password = "p";  // MQTT 5 allows a password without a user name
  auto& connect = connection.properties.connect;
  connect.session_expiry_interval = 3600;
  connect.receive_maximum = 10;
  connect.maximum_packet_size = 1024;
  connect.topic_alias_maximum = 5;
  connect.request_response_information = 1;
  connect.request_problem_information = 0;
  connect.authentication_method = "m";
  connect.authentication_data = "d";
  connect.user_properties = {{"k", "v"}};
  std::string out;
  mq::wire::append_connect(out, connection, "c", std::nullopt);
  CHECK(hex(out) ==
        "10 34 00 04 4d 51 54 54 05 42 00 1e "
        "23 "                       // property length 35
        "11 00 00 0e 10 "           // session expiry 3600 (not -x's 120)
        "21 00 0a "                 // receive maximum
        "27 00 00 04 00 "           // maximum packet size
        "22 00 05 "                 // topic alias maximum
        "19 01 17 00 "              // request response / problem information
        "15 00 01 6d 16 00 01 64 "  // authentication method and data
        "26 00 01 6b 00 01 76 "     // user property
        "00 01 63 00 01 70");       // client id, password
}

TEST_CASE("an MQTT 5 CONNECT gives the will its delay and message properties, and -x the session expiry") {
  auto connection = connection_for(ProtocolVersion::v5);
  connection.keepalive_seconds = 0;
  connection.clean_session = false;
  connection.session_expiry_seconds = 60;
  connection.will.topic = "t";
  auto& properties = connection.properties;
  properties.will_delay_interval = 5;
  properties.will.payload_format_indicator = 1;
  properties.will.message_expiry_interval = 10;
  properties.will.content_type = "a";
  properties.will.response_topic = "r";
  properties.will.correlation_data = "x";
  properties.will.user_properties = {{"a", "b"}};
  properties.will.topic_alias = 3;  // not a will property: left out
  std::string out;
  mq::wire::append_connect(out, connection, "c", std::nullopt);
  CHECK(hex(out) ==
        "10 38 00 04 4d 51 54 54 05 04 00 00 "
        "05 11 00 00 00 3c "  // connect properties: session expiry 60
        "00 01 63 "           // client id
        // will properties: delay, payload format, expiry, content type, response topic, correlation, user
        "1f 18 00 00 00 05 01 01 02 00 00 00 0a 03 00 01 61 08 00 01 72 09 00 01 78 26 00 01 61 00 01 62 "
        "00 01 74 00 00");  // will topic, empty will payload
}

TEST_CASE("PUBLISH: flags, topic, packet id from QoS 1, MQTT 5 property section, payload") {
  std::string out;
  mq::wire::append_publish(out, ProtocolVersion::v311, "a/b", "hi", 0, true, false, 9, nullptr);
  CHECK(hex(out) == "31 07 00 03 61 2f 62 68 69");

  out.clear();
  mq::wire::append_publish(out, ProtocolVersion::v311, "a/b", "hi", 1, false, true, 0x1234, nullptr);
  CHECK(hex(out) == "3a 09 00 03 61 2f 62 12 34 68 69");

  out.clear();
  mq::wire::append_publish(out, ProtocolVersion::v5, "a/b", "hi", 0, false, false, 0, nullptr);
  CHECK(hex(out) == "30 08 00 03 61 2f 62 00 68 69");

  mq::MessageProperties properties;
  properties.payload_format_indicator = 1;
  properties.message_expiry_interval = 60;
  properties.topic_alias = 2;
  properties.content_type = "t";
  properties.response_topic = "r";
  properties.correlation_data = "c";
  properties.user_properties = {{"k", "v"}};
  properties.subscription_identifiers = {1, 200};
  out.clear();
  mq::wire::append_publish(out, ProtocolVersion::v5, "a/b", "hi", 1, false, false, 1, &properties);
  CHECK(hex(out) ==
        "32 2c 00 03 61 2f 62 00 01 "
        "22 01 01 02 00 00 00 3c 23 00 02 03 00 01 74 08 00 01 72 09 00 01 63 26 00 01 6b 00 01 76 "
        "0b 01 0b c8 01 "  // subscription identifiers as variable byte integers
        "68 69");

  // Below MQTT 5 the properties do not exist.
  out.clear();
  mq::wire::append_publish(out, ProtocolVersion::v311, "a/b", "hi", 0, false, false, 0, &properties);
  CHECK(hex(out) == "30 07 00 03 61 2f 62 68 69");
}

TEST_CASE("a PUBLISH is exactly publish_packet_size() long, across the remaining length's size steps") {
  mq::MessageProperties filled;
  filled.content_type = "text/plain";
  filled.user_properties = {{"unit", "C"}};
  filled.subscription_identifiers = {300};
  const mq::MessageProperties none;
  const mq::MessageProperties* const property_choices[] = {nullptr, &none, &filled};
  const std::string topic = "sensors/1";
  std::string payload;
  std::string out = "bytes already queued";
  const auto check_sizes = [&](std::size_t payload_size) {
    payload.assign(payload_size, 'x');
    for (const int qos : {0, 1}) {
      for (const auto* with : property_choices) {
        const auto version = with == nullptr ? ProtocolVersion::v311 : ProtocolVersion::v5;
        const auto before = out.size();
        mq::wire::append_publish(out, version, topic, payload, qos, false, false, 7, with);
        INFO("payload ", payload_size, " qos ", qos);
        CHECK(out.size() - before == mq::publish_packet_size(topic.size(), payload.size(), qos, with).total);
        out.resize(before);
      }
    }
  };
  for (std::size_t size = 100; size <= 140; ++size) check_sizes(size);
  for (std::size_t size = 16340; size <= 16400; ++size) check_sizes(size);
  for (std::size_t size = 2097110; size <= 2097160; size += 5) check_sizes(size);
  CHECK(out == "bytes already queued");
}

TEST_CASE("a PUBLISH reads back through the reader with its QoS and packet id") {
  std::string out;
  const std::string payload(20000, 'p');
  mq::wire::append_publish(out, ProtocolVersion::v5, "t", payload, 1, false, false, 42, nullptr);
  mq::wire::PacketReader reader;
  feed(reader, out);
  const auto packet = reader.next();
  REQUIRE(packet.has_value());
  REQUIRE(packet->has_value());
  CHECK((*packet)->type == PacketType::publish);
  const auto incoming = mq::wire::parse_publish((*packet)->flags, (*packet)->body, ProtocolVersion::v5);
  REQUIRE(incoming.has_value());
  CHECK(incoming->qos == 1);
  CHECK(incoming->packet_id == 42);
  CHECK((*packet)->body.ends_with(payload));
}

TEST_CASE("acknowledgements are two bytes of packet id; PUBREL has flags 0010; PINGREQ is c0 00") {
  std::string out;
  mq::wire::append_ack(out, PacketType::puback, 7);
  mq::wire::append_ack(out, PacketType::pubrec, 0x0102);
  mq::wire::append_ack(out, PacketType::pubrel, 0xFFFF);
  mq::wire::append_ack(out, PacketType::pubcomp, 1);
  mq::wire::append_pingreq(out);
  CHECK(hex(out) == "40 02 00 07 50 02 01 02 62 02 ff ff 70 02 00 01 c0 00");
}

TEST_CASE("DISCONNECT: MQTT 5 carries the reason code and properties; the short form otherwise") {
  mq::DisconnectProperties properties;
  properties.session_expiry_interval = 0;
  properties.reason_string = "bye";
  std::string out;
  mq::wire::append_disconnect(out, ProtocolVersion::v5, 4, properties);
  CHECK(hex(out) == "e0 0d 04 0b 11 00 00 00 00 1f 00 03 62 79 65");

  out.clear();
  mq::wire::append_disconnect(out, ProtocolVersion::v5, 0, {});
  CHECK(hex(out) == "e0 00");
  out.clear();
  mq::wire::append_disconnect(out, ProtocolVersion::v5, 0x8E, {});
  CHECK(hex(out) == "e0 01 8e");
  out.clear();
  mq::wire::append_disconnect(out, ProtocolVersion::v311, 4, properties);
  CHECK(hex(out) == "e0 00");
}

TEST_CASE("the reader cuts a stream into the same packets wherever the reads split it") {
  std::string publish;
  mq::wire::append_publish(publish, ProtocolVersion::v311, "t", std::string(200, 'x'), 1, false, true, 3,
                           nullptr);
  const std::string stream =
      from_hex("20 03 00 00 00") + from_hex("40 02 00 01") + publish + from_hex("d0 00");
  const std::vector<Received> expected = {
      {PacketType::connack, 0, from_hex("00 00 00")},
      {PacketType::puback, 0, from_hex("00 01")},
      {PacketType::publish, 0x0A, publish.substr(3)},  // two bytes of remaining length
      {PacketType::pingresp, 0, ""},
  };
  for (std::size_t split = 0; split <= stream.size(); ++split) {
    INFO("split at ", split);
    mq::wire::PacketReader reader;
    std::vector<Received> received;
    feed(reader, std::string_view(stream).substr(0, split));
    drain(reader, received);
    feed(reader, std::string_view(stream).substr(split));
    drain(reader, received);
    CHECK(received == expected);
  }
  mq::wire::PacketReader one_at_a_time;
  std::vector<Received> received;
  for (const char byte : stream) {
    feed(one_at_a_time, std::string_view(&byte, 1));
    drain(one_at_a_time, received);
  }
  CHECK(received == expected);
}

TEST_CASE("the reader refuses a remaining length over four bytes, an oversize packet and packet type 0") {
  CHECK(reader_error(from_hex("30 ff ff ff ff 01")) ==
        "malformed packet: remaining length longer than four bytes");
  // Refused as soon as the fourth byte says a fifth follows.
  CHECK(reader_error(from_hex("30 80 80 80 80")) ==
        "malformed packet: remaining length longer than four bytes");
  CHECK(reader_error(from_hex("30 ff ff ff 7f")) ==
        "packet of 268435460 bytes is over the 1048576-byte limit");
  CHECK(reader_error(from_hex("40 02 00 01"), 3) == "packet of 4 bytes is over the 3-byte limit");
  CHECK(reader_error(from_hex("00 00")) == "malformed packet: reserved packet type 0");

  mq::wire::PacketReader at_limit(4);
  feed(at_limit, from_hex("40 02 00 01"));
  const auto packet = at_limit.next();
  REQUIRE(packet.has_value());
  CHECK(packet->has_value());

  // An incomplete length is not an error yet.
  mq::wire::PacketReader waiting;
  feed(waiting, from_hex("30 ff ff"));
  const auto nothing = waiting.next();
  REQUIRE(nothing.has_value());
  CHECK_FALSE(nothing->has_value());
}

TEST_CASE("parse_connack: MQTT 3 session present and return code") {
  const auto accepted = mq::wire::parse_connack(from_hex("01 00"), ProtocolVersion::v311);
  REQUIRE(accepted.has_value());
  CHECK(accepted->session_present);
  CHECK(accepted->result.session_present);
  CHECK(accepted->reason_code == 0);
  const auto refused = mq::wire::parse_connack(from_hex("00 05"), ProtocolVersion::v31);
  REQUIRE(refused.has_value());
  CHECK_FALSE(refused->session_present);
  CHECK(refused->reason_code == 5);

  CHECK(connack_error("02 00", ProtocolVersion::v311) == "malformed CONNACK: reserved flag bits set");
  CHECK(connack_error("00 00 00", ProtocolVersion::v311) == "malformed CONNACK: expected 2 bytes, got 3");
  CHECK(connack_error("00", ProtocolVersion::v311) == "malformed CONNACK: expected at least 2 bytes, got 1");
}

TEST_CASE("parse_connack: MQTT 5 properties fill the connect result; the others are stepped over") {
  const auto connack = mq::wire::parse_connack(from_hex("00 00 2a "
                                                        "21 00 14 "              // receive maximum 20
                                                        "27 00 01 00 00 "        // maximum packet size 65536
                                                        "12 00 03 61 62 63 "     // assigned client id "abc"
                                                        "22 00 0a "              // topic alias maximum 10
                                                        "24 01 25 00 "           // maximum QoS 1, no retain
                                                        "1f 00 02 6f 6b "        // reason string "ok"
                                                        "13 00 3c "              // server keep alive 60
                                                        "26 00 01 6b 00 01 76 "  // user property
                                                        "1a 00 01 78 "           // response information
                                                        "2a 01"),                // shared subscriptions
                                               ProtocolVersion::v5);
  REQUIRE_MESSAGE(connack.has_value(), connack.error());
  const auto& result = connack->result;
  CHECK(result.receive_maximum == 20);
  CHECK(result.maximum_packet_size == std::uint32_t{65536});
  CHECK(result.assigned_client_id == "abc");
  CHECK(result.topic_alias_maximum == 10);
  CHECK(result.maximum_qos == 1);
  CHECK_FALSE(result.retain_available);
  CHECK(result.server_keepalive_seconds == 60);  // replaces the client's own keepalive
  CHECK(connack->reason_string == "ok");

  // MQTT 5 requires the property length; without it there are no properties.
  const auto bare = mq::wire::parse_connack(from_hex("00 87"), ProtocolVersion::v5);
  REQUIRE(bare.has_value());
  CHECK(bare->reason_code == 0x87);
  CHECK(bare->result.receive_maximum == 65535);
  CHECK_FALSE(bare->result.maximum_packet_size.has_value());
  CHECK_FALSE(bare->result.server_keepalive_seconds.has_value());
}

TEST_CASE("parse_connack: truncated, unknown, repeated and out-of-range MQTT 5 properties are refused") {
  CHECK(connack_error("00 00 05 21 00 14") == "malformed CONNACK: truncated properties");
  CHECK(connack_error("00 00 02 21 00") == "malformed CONNACK: truncated properties");
  CHECK(connack_error("00 00 04 12 00 05 61") == "malformed CONNACK: truncated properties");
  CHECK(connack_error("00 00 80") == "malformed CONNACK: truncated property length");
  CHECK(connack_error("00 00 ff ff ff ff 01") == "malformed CONNACK: property length longer than four bytes");
  CHECK(connack_error("00 00 02 2b 00") == "malformed CONNACK: unknown property 0x2b");
  CHECK(connack_error("00 00 02 00 00") == "malformed CONNACK: unknown property 0x00");
  CHECK(connack_error("00 00 06 21 00 01 21 00 02") == "malformed CONNACK: property 0x21 appears twice");
  CHECK(connack_error("00 00 03 21 00 00") == "malformed CONNACK: receive maximum 0");
  CHECK(connack_error("00 00 02 24 02") == "malformed CONNACK: maximum QoS other than 0 or 1");
  CHECK(connack_error("00 00 05 27 00 00 00 00") == "malformed CONNACK: maximum packet size 0");
  CHECK(connack_error("00 00 00 00") == "malformed CONNACK: bytes after the properties");
}

TEST_CASE("parse_ack: packet id, then MQTT 5's optional reason code and properties") {
  const auto short_form = mq::wire::parse_ack(from_hex("00 07"), ProtocolVersion::v5);
  REQUIRE(short_form.has_value());
  CHECK(short_form->packet_id == 7);
  CHECK(short_form->reason_code == 0);
  CHECK_FALSE(short_form->reason_string.has_value());

  const auto with_code = mq::wire::parse_ack(from_hex("01 00 10"), ProtocolVersion::v5);
  REQUIRE(with_code.has_value());
  CHECK(with_code->packet_id == 256);
  CHECK(with_code->reason_code == 0x10);

  const auto long_form = mq::wire::parse_ack(from_hex("00 07 87 0d 1f 00 04 6e 6f 70 65 26 00 01 6b 00 00"),
                                             ProtocolVersion::v5);
  REQUIRE_MESSAGE(long_form.has_value(), long_form.error());
  CHECK(long_form->reason_code == 0x87);
  CHECK(long_form->reason_string == "nope");

  const auto v3 = mq::wire::parse_ack(from_hex("ff fe"), ProtocolVersion::v311);
  REQUIRE(v3.has_value());
  CHECK(v3->packet_id == 0xFFFE);

  CHECK(mq::wire::parse_ack(from_hex("00 00"), ProtocolVersion::v5).error() ==
        "malformed acknowledgement: packet id 0");
  CHECK(mq::wire::parse_ack(from_hex("00"), ProtocolVersion::v5).error() ==
        "malformed acknowledgement: expected at least 2 bytes, got 1");
  CHECK(mq::wire::parse_ack(from_hex("00 07 00"), ProtocolVersion::v311).error() ==
        "malformed acknowledgement: expected 2 bytes, got 3");
  CHECK(mq::wire::parse_ack(from_hex("00 07 87 04 1f 00 04 6e"), ProtocolVersion::v5).error() ==
        "malformed acknowledgement: truncated properties");
}

TEST_CASE("parse_publish: QoS from the flags, packet id from QoS 1; QoS 3 and packet id 0 are refused") {
  const auto qos0 = mq::wire::parse_publish(0x01, from_hex("00 01 74 68 69"), ProtocolVersion::v311);
  REQUIRE(qos0.has_value());
  CHECK(qos0->qos == 0);
  CHECK(qos0->packet_id == 0);
  const auto qos2 = mq::wire::parse_publish(0x04, from_hex("00 01 74 00 09 00"), ProtocolVersion::v5);
  REQUIRE(qos2.has_value());
  CHECK(qos2->qos == 2);
  CHECK(qos2->packet_id == 9);

  CHECK(mq::wire::parse_publish(0x06, from_hex("00 01 74"), ProtocolVersion::v311).error() ==
        "malformed PUBLISH: QoS 3");
  CHECK(mq::wire::parse_publish(0x02, from_hex("00 01 74 00 00"), ProtocolVersion::v311).error() ==
        "malformed PUBLISH: packet id 0");
  CHECK(mq::wire::parse_publish(0x00, from_hex("00 05 74"), ProtocolVersion::v311).error() ==
        "malformed PUBLISH: truncated topic");
  CHECK(mq::wire::parse_publish(0x02, from_hex("00 01 74 00"), ProtocolVersion::v311).error() ==
        "malformed PUBLISH: truncated packet id");
  CHECK(mq::wire::parse_publish(0x00, from_hex("00 01 74 05 01"), ProtocolVersion::v5).error() ==
        "malformed PUBLISH: truncated properties");
}

TEST_CASE("parse_disconnect: empty is reason 0; MQTT 5 adds a reason code and reason string") {
  const auto empty = mq::wire::parse_disconnect("", ProtocolVersion::v311);
  REQUIRE(empty.has_value());
  CHECK(empty->reason_code == 0);
  const auto with_reason =
      mq::wire::parse_disconnect(from_hex("8b 08 1f 00 05 62 75 73 79 21"), ProtocolVersion::v5);
  REQUIRE_MESSAGE(with_reason.has_value(), with_reason.error());
  CHECK(with_reason->reason_code == 0x8B);
  CHECK(with_reason->reason_string == "busy!");
  const auto code_only = mq::wire::parse_disconnect(from_hex("98"), ProtocolVersion::v5);
  REQUIRE(code_only.has_value());
  CHECK(code_only->reason_code == 0x98);

  CHECK(mq::wire::parse_disconnect(from_hex("00"), ProtocolVersion::v311).error() ==
        "malformed DISCONNECT: expected 0 bytes, got 1");
  CHECK(mq::wire::parse_disconnect(from_hex("8b 03 1f 00"), ProtocolVersion::v5).error() ==
        "malformed DISCONNECT: truncated properties");
}

TEST_CASE("SUBSCRIBE: flags 0010, packet id, then each filter with its QoS; MQTT 5 adds options and properties") {
  const std::vector<mq::Subscription> subscriptions = {{"a/#", 1, false, false, 0}, {"b", 2, true, true, 2}};
  std::string out;
  mq::wire::append_subscribe(out, ProtocolVersion::v311, 10, subscriptions, std::nullopt, {});
  // Below MQTT 5 the options bits are not sent: only the QoS.
  CHECK(hex(out) == "82 0c 00 0a 00 03 61 2f 23 01 00 01 62 02");

  out.clear();
  mq::wire::append_subscribe(out, ProtocolVersion::v5, 10, subscriptions, 300, {{"k", "v"}});
  // Properties: subscription identifier 300 (0b ac 02), user property k=v; "b": QoS 2 | no local 04 |
  // retain as published 08 | retain handling 2 << 4 = 2e.
  CHECK(hex(out) == "82 17 00 0a 0a 0b ac 02 26 00 01 6b 00 01 76 00 03 61 2f 23 01 00 01 62 2e");
}

TEST_CASE("parse_suback: one reason code per filter; MQTT 5 properties come first") {
  const auto v3 = mq::wire::parse_suback(from_hex("00 0a 01 80"), ProtocolVersion::v311);
  REQUIRE(v3.has_value());
  CHECK(v3->packet_id == 10);
  CHECK(v3->reason_codes == std::vector<int>{1, 0x80});

  const auto v5 = mq::wire::parse_suback(from_hex("00 0b 05 1f 00 02 6e 6f 87"), ProtocolVersion::v5);
  REQUIRE(v5.has_value());
  CHECK(v5->reason_codes == std::vector<int>{0x87});
  CHECK(v5->reason_string == "no");

  CHECK(mq::wire::parse_suback(from_hex("00 0a"), ProtocolVersion::v311).error() ==
        "malformed SUBACK: no reason codes");
  CHECK(mq::wire::parse_suback(from_hex("00 00 00"), ProtocolVersion::v311).error() ==
        "malformed SUBACK: packet id 0");
  CHECK(!mq::wire::parse_suback(from_hex("00 0a 05 1f 00"), ProtocolVersion::v5).has_value());
}

TEST_CASE("parse_publish: topic, payload, retain and dup flags, and MQTT 5 message properties") {
  // QoS 1, dup, retain; topic "t/a", id 5, properties: content type "ct", user property k=v, subscription
  // identifier 7, topic alias 3; payload "hi".
  const auto body = from_hex("00 03 74 2f 61 00 05 11 03 00 02 63 74 26 00 01 6b 00 01 76 0b 07 23 00 03 68 69");
  const auto incoming = mq::wire::parse_publish(0x0B, body, ProtocolVersion::v5);
  REQUIRE(incoming.has_value());
  CHECK(incoming->qos == 1);
  CHECK(incoming->dup);
  CHECK(incoming->retain);
  CHECK(incoming->packet_id == 5);
  CHECK(incoming->topic == "t/a");
  CHECK(incoming->payload == "hi");
  CHECK(incoming->properties.content_type == "ct");
  CHECK(incoming->properties.user_properties ==
        std::vector<std::pair<std::string, std::string>>{{"k", "v"}});
  CHECK(incoming->properties.subscription_identifiers == std::vector<std::uint32_t>{7});
  CHECK(incoming->properties.topic_alias == 3);

  // An empty payload, and MQTT 3 (no property section: the bytes after the id are payload).
  const auto empty = mq::wire::parse_publish(0x00, from_hex("00 01 74"), ProtocolVersion::v311);
  REQUIRE(empty.has_value());
  CHECK(empty->payload.empty());
  const std::string v3_body = from_hex("00 01 74 00 68");  // the result points into it
  const auto v3 = mq::wire::parse_publish(0x00, v3_body, ProtocolVersion::v311);
  REQUIRE(v3.has_value());
  CHECK(v3->payload == std::string("\0h", 2));

  // Properties a PUBLISH cannot carry, and values MQTT forbids.
  CHECK(mq::wire::parse_publish(0x00, from_hex("00 01 74 02 24 01"), ProtocolVersion::v5).error() ==
        "malformed PUBLISH: a property a PUBLISH cannot carry");
  CHECK(mq::wire::parse_publish(0x00, from_hex("00 01 74 03 23 00 00"), ProtocolVersion::v5).error() ==
        "malformed PUBLISH: topic alias 0");
  CHECK(mq::wire::parse_publish(0x00, from_hex("00 01 74 02 01 02"), ProtocolVersion::v5).error() ==
        "malformed PUBLISH: payload format indicator other than 0 or 1");
}
