// hostile_broker --mode MODE [--port N] [--lifetime SECONDS] [--payload-bytes N]
//
// A test server that speaks just enough MQTT 3.1.1 and 5 to misbehave on purpose, so the integration tests
// can check that every tool fails with the documented status and one clear line instead of crashing or
// hanging. It listens on 127.0.0.1 only, prints the port it got as the first line on stdout, and serves each
// connection on its own thread. It answers in the protocol version the CONNECT asked for. It exits on SIGTERM
// or SIGINT, and by itself after --lifetime seconds so a forgotten one cannot outlive its test by much.
// What it does with each connection is logged, one line per event, on stderr.
//
// Modes:
//   connack-v3:N           CONNACK refusing with return code N (1-5); a v5 client gets the v5 equivalent
//   connack-v5:N           CONNACK refusing with reason code N (128-162); a v3 client gets 0x05-style codes
//   close-after-connect    read the CONNECT, close the connection
//   silent                 read the CONNECT, never answer, keep the connection open
//   garbage                answer the CONNECT with 64 random bytes, then say nothing more
//   huge-remaining-length  answer the CONNECT with a header whose length is a 5-byte variable integer
//   bad-utf8-publish       accept; on SUBSCRIBE: SUBACK, then a PUBLISH whose topic is not UTF-8
//   huge-payload           accept; on SUBSCRIBE: SUBACK, then one PUBLISH of --payload-bytes (50 MiB), streamed
//   drop-mid-qos2          accept; on a QoS 2 PUBLISH: PUBREC, then close
//   puback-reject:N        accept; PUBACK/PUBREC with reason N (128-162, v5); a v3 client is disconnected
//   suback-reject          accept; SUBACK with 0x80 (v3) or 0x87 "not authorized" (v5) for every filter
//   suback-silent          accept; never answer a SUBSCRIBE (the connection stays open and served)
//   disconnect:N           accept, then DISCONNECT with reason N (v5; a v3 client is just disconnected)
//   disconnect-after-suback:N  accept; on SUBSCRIBE: SUBACK, then DISCONNECT with reason N (v5) and close
// In every mode that accepts, the rest is served normally: PINGREQ, QoS 1/2 flows, SUBSCRIBE, UNSUBSCRIBE.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <mutex>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

using Bytes = std::vector<std::uint8_t>;

// MQTT's largest remaining length: four 7-bit groups.
constexpr std::size_t max_remaining_length = 268'435'455;
// Packets from clients are read whole only up to this size; beyond it only their start is kept (enough for a
// PUBLISH's topic and packet id) and the rest is read and dropped, so a big publish cannot grow our memory.
constexpr std::size_t kept_packet_prefix = 70'000;
constexpr std::size_t stream_chunk_bytes = 64 * 1024;

constexpr std::uint8_t protocol_v5 = 5;

namespace packet_type {
constexpr std::uint8_t connect = 1;
constexpr std::uint8_t connack = 2;
constexpr std::uint8_t publish = 3;
constexpr std::uint8_t puback = 4;
constexpr std::uint8_t pubrec = 5;
constexpr std::uint8_t pubrel = 6;
constexpr std::uint8_t pubcomp = 7;
constexpr std::uint8_t subscribe = 8;
constexpr std::uint8_t suback = 9;
constexpr std::uint8_t unsubscribe = 10;
constexpr std::uint8_t unsuback = 11;
constexpr std::uint8_t pingreq = 12;
constexpr std::uint8_t pingresp = 13;
constexpr std::uint8_t disconnect = 14;
}  // namespace packet_type

// ----------------------------------------------------------------------------------------------------------
// Logging: several connection threads write at once; one mutex keeps their lines whole.

class Log {
 public:
  void line(const std::string& text) {
    const std::lock_guard lock{mutex_};
    std::fprintf(stderr, "hostile_broker: %s\n", text.c_str());
    std::fflush(stderr);
  }

 private:
  std::mutex mutex_;
};

// ----------------------------------------------------------------------------------------------------------
// Sockets

class Socket {
 public:
  explicit Socket(int descriptor) : descriptor_(descriptor) {}
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  Socket(Socket&& other) noexcept : descriptor_(other.descriptor_) { other.descriptor_ = -1; }
  Socket& operator=(Socket&&) = delete;
  ~Socket() {
    if (descriptor_ >= 0) {
      close(descriptor_);
    }
  }
  [[nodiscard]] int get() const { return descriptor_; }

 private:
  int descriptor_;
};

// False once the peer is gone; MSG_NOSIGNAL because a client that hangs up must not kill us with SIGPIPE.
bool send_all(const Socket& socket, std::span<const std::uint8_t> bytes) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t result = send(socket.get(), bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (result < 0 && errno == EINTR) {
      continue;
    }
    if (result <= 0) {
      return false;
    }
    sent += static_cast<std::size_t>(result);
  }
  return true;
}

// False at end of stream or on an error.
bool receive_exact(const Socket& socket, std::span<std::uint8_t> into) {
  std::size_t received = 0;
  while (received < into.size()) {
    const ssize_t result = recv(socket.get(), into.data() + received, into.size() - received, 0);
    if (result < 0 && errno == EINTR) {
      continue;
    }
    if (result <= 0) {
      return false;
    }
    received += static_cast<std::size_t>(result);
  }
  return true;
}

void wait_until_peer_closes(const Socket& socket) {
  std::array<std::uint8_t, 4096> sink{};
  while (true) {
    const ssize_t result = recv(socket.get(), sink.data(), sink.size(), 0);
    if (result < 0 && errno == EINTR) {
      continue;
    }
    if (result <= 0) {
      return;
    }
  }
}

// ----------------------------------------------------------------------------------------------------------
// Encoding

void append_variable_integer(Bytes& out, std::size_t value) {
  do {
    auto digit = static_cast<std::uint8_t>(value % 128);
    value /= 128;
    if (value > 0) {
      digit = static_cast<std::uint8_t>(digit | 0x80U);
    }
    out.push_back(digit);
  } while (value > 0);
}

void append_u16(Bytes& out, std::uint16_t value) {
  out.push_back(static_cast<std::uint8_t>(value >> 8U));
  out.push_back(static_cast<std::uint8_t>(value & 0xFFU));
}

void append_string(Bytes& out, std::string_view text) {
  append_u16(out, static_cast<std::uint16_t>(text.size()));
  // resize + copy rather than insert: g++ 12 -O2 reports a false -Warray-bounds for the inlined insert.
  const std::size_t start = out.size();
  out.resize(start + text.size());
  std::copy(text.begin(), text.end(), out.begin() + static_cast<std::ptrdiff_t>(start));
}

Bytes make_packet(std::uint8_t first_byte, const Bytes& body) {
  Bytes packet{first_byte};
  append_variable_integer(packet, body.size());
  packet.insert(packet.end(), body.begin(), body.end());
  return packet;
}

std::uint8_t header_byte(std::uint8_t type, std::uint8_t flags = 0) {
  return static_cast<std::uint8_t>((type << 4U) | flags);
}

// ----------------------------------------------------------------------------------------------------------
// Decoding what clients send

struct Packet {
  std::uint8_t type = 0;
  std::uint8_t flags = 0;
  std::size_t remaining_length = 0;
  Bytes body;  // the whole body, or its first kept_packet_prefix bytes
};

class Reader {
 public:
  explicit Reader(std::span<const std::uint8_t> bytes) : bytes_(bytes) {}

  std::optional<std::uint8_t> u8() {
    if (position_ >= bytes_.size()) {
      return std::nullopt;
    }
    return bytes_[position_++];
  }
  std::optional<std::uint16_t> u16() {
    const auto high = u8();
    const auto low = u8();
    if (!high || !low) {
      return std::nullopt;
    }
    return static_cast<std::uint16_t>((*high << 8U) | *low);
  }
  std::optional<std::size_t> variable_integer() {
    std::size_t value = 0;
    std::size_t multiplier = 1;
    for (int digits = 0; digits < 4; ++digits) {
      const auto digit = u8();
      if (!digit) {
        return std::nullopt;
      }
      value += (*digit & 0x7FU) * multiplier;
      if ((*digit & 0x80U) == 0) {
        return value;
      }
      multiplier *= 128;
    }
    return std::nullopt;
  }
  std::optional<std::string> string() {
    const auto length = u16();
    if (!length || !skip(*length)) {
      return std::nullopt;
    }
    return std::string(bytes_.begin() + static_cast<std::ptrdiff_t>(position_ - *length),
                       bytes_.begin() + static_cast<std::ptrdiff_t>(position_));
  }
  bool skip(std::size_t count) {
    if (bytes_.size() - position_ < count) {
      return false;
    }
    position_ += count;
    return true;
  }
  [[nodiscard]] bool at_end() const { return position_ >= bytes_.size(); }

 private:
  std::span<const std::uint8_t> bytes_;
  std::size_t position_ = 0;
};

std::optional<Packet> read_packet(const Socket& socket) {
  Packet packet;
  std::array<std::uint8_t, 1> byte{};
  if (!receive_exact(socket, byte)) {
    return std::nullopt;
  }
  packet.type = static_cast<std::uint8_t>(byte[0] >> 4U);
  packet.flags = static_cast<std::uint8_t>(byte[0] & 0x0FU);
  std::size_t multiplier = 1;
  for (int digits = 0;; ++digits) {
    if (digits == 4 || !receive_exact(socket, byte)) {
      return std::nullopt;
    }
    packet.remaining_length += (byte[0] & 0x7FU) * multiplier;
    if ((byte[0] & 0x80U) == 0) {
      break;
    }
    multiplier *= 128;
  }
  packet.body.resize(std::min(packet.remaining_length, kept_packet_prefix));
  if (!receive_exact(socket, packet.body)) {
    return std::nullopt;
  }
  std::size_t left_to_drop = packet.remaining_length - packet.body.size();
  std::array<std::uint8_t, stream_chunk_bytes> sink{};
  while (left_to_drop > 0) {
    const std::size_t now = std::min(left_to_drop, sink.size());
    if (!receive_exact(socket, std::span{sink.data(), now})) {
      return std::nullopt;
    }
    left_to_drop -= now;
  }
  return packet;
}

struct ConnectRequest {
  std::uint8_t protocol_level = 0;
  std::string client_id;
};

std::optional<ConnectRequest> parse_connect(const Packet& packet) {
  if (packet.type != packet_type::connect) {
    return std::nullopt;
  }
  Reader reader{packet.body};
  ConnectRequest request;
  const auto protocol_name = reader.string();
  const auto level = reader.u8();
  if (!protocol_name || !level || !reader.skip(1 + 2)) {  // connect flags, keep alive
    return std::nullopt;
  }
  request.protocol_level = *level;
  if (request.protocol_level == protocol_v5) {
    const auto properties_length = reader.variable_integer();
    if (!properties_length || !reader.skip(*properties_length)) {
      return std::nullopt;
    }
  }
  if (auto client_id = reader.string()) {
    request.client_id = std::move(*client_id);
  }
  return request;
}

struct SubscribeRequest {
  std::uint16_t packet_id = 0;
  std::vector<std::string> filters;
  std::vector<std::uint8_t> requested_qos;  // one per filter
};

std::string quoted_list(const std::vector<std::string>& words) {
  std::string text;
  for (const std::string& word : words) {
    text += (text.empty() ? "'" : ", '") + word + "'";
  }
  return text;
}

std::optional<SubscribeRequest> parse_subscribe(const Packet& packet, bool is_v5) {
  Reader reader{packet.body};
  SubscribeRequest request;
  const auto packet_id = reader.u16();
  if (!packet_id) {
    return std::nullopt;
  }
  request.packet_id = *packet_id;
  if (is_v5) {
    const auto properties_length = reader.variable_integer();
    if (!properties_length || !reader.skip(*properties_length)) {
      return std::nullopt;
    }
  }
  while (!reader.at_end()) {
    const auto filter = reader.string();
    const auto options = reader.u8();
    if (!filter || !options) {
      return std::nullopt;
    }
    request.filters.push_back(*filter);
    request.requested_qos.push_back(static_cast<std::uint8_t>(*options & 0x03U));
  }
  return request;
}

// A packet that starts with a packet id (UNSUBSCRIBE, PUBREL); 0 when there is none.
std::uint16_t leading_packet_id(const Packet& packet) {
  Reader reader{packet.body};
  return reader.u16().value_or(0);
}

struct PublishRequest {
  std::uint8_t qos = 0;
  std::uint16_t packet_id = 0;
  std::string topic;
};

std::optional<PublishRequest> parse_publish(const Packet& packet) {
  Reader reader{packet.body};
  PublishRequest request;
  request.qos = static_cast<std::uint8_t>((packet.flags >> 1U) & 0x03U);
  auto topic = reader.string();
  if (!topic) {
    return std::nullopt;
  }
  request.topic = std::move(*topic);
  if (request.qos > 0) {
    const auto packet_id = reader.u16();
    if (!packet_id) {
      return std::nullopt;
    }
    request.packet_id = *packet_id;
  }
  return request;
}

// ----------------------------------------------------------------------------------------------------------
// One client connection

struct Settings {
  int mode_number = 0;
  std::size_t payload_bytes = 50U * 1024U * 1024U;
};

// What a behaviour tells the session loop to do next.
enum class Next { keep_serving, close_connection };

class Session {
 public:
  Session(Socket socket, const Settings& settings, Log& log, int connection_number)
      : socket_(std::move(socket)), settings_(settings), log_(log), connection_number_(connection_number) {}

  [[nodiscard]] const Socket& socket() const { return socket_; }
  [[nodiscard]] const Settings& settings() const { return settings_; }
  [[nodiscard]] bool is_v5() const { return protocol_level_ == protocol_v5; }
  void set_protocol_level(std::uint8_t level) { protocol_level_ = level; }

  void log(const std::string& text) { log_.line("#" + std::to_string(connection_number_) + " " + text); }

  bool send(const Bytes& bytes) {
    if (!send_all(socket_, bytes)) {
      log("the client went away while we were sending");
      return false;
    }
    return true;
  }

  // CONNACK with return code (v3) or reason code (v5) CODE; session present is always 0.
  bool send_connack(std::uint8_t code) {
    Bytes body{0x00, code};
    if (is_v5()) {
      body.push_back(0x00);  // no properties
    }
    log("CONNACK code " + std::to_string(code));
    return send(make_packet(header_byte(packet_type::connack), body));
  }

  // PUBACK, PUBREC, PUBCOMP, UNSUBACK (v3) and the like: a packet id and, in v5, a reason code.
  bool send_acknowledgement(std::uint8_t type, std::uint16_t packet_id, std::uint8_t reason = 0) {
    Bytes body;
    append_u16(body, packet_id);
    if (is_v5()) {
      body.push_back(reason);
      body.push_back(0x00);  // no properties
    }
    return send(make_packet(header_byte(type), body));
  }

  bool send_suback(std::uint16_t packet_id, const std::vector<std::uint8_t>& codes) {
    Bytes body;
    append_u16(body, packet_id);
    if (is_v5()) {
      body.push_back(0x00);
    }
    body.insert(body.end(), codes.begin(), codes.end());
    return send(make_packet(header_byte(packet_type::suback), body));
  }

  bool send_disconnect(std::uint8_t reason) {
    log("DISCONNECT reason " + std::to_string(reason));
    return send(make_packet(header_byte(packet_type::disconnect), Bytes{reason, 0x00}));
  }

  // A QoS 0 PUBLISH whose payload is PAYLOAD_BYTES of 'x', written in chunks so memory stays flat.
  bool send_publish(std::string_view topic, std::size_t payload_bytes) {
    Bytes variable_header;
    append_string(variable_header, topic);
    if (is_v5()) {
      variable_header.push_back(0x00);
    }
    Bytes start{header_byte(packet_type::publish)};
    append_variable_integer(start, variable_header.size() + payload_bytes);
    start.insert(start.end(), variable_header.begin(), variable_header.end());
    if (!send(start)) {
      return false;
    }
    const Bytes chunk(std::min(payload_bytes, stream_chunk_bytes), static_cast<std::uint8_t>('x'));
    std::size_t left = payload_bytes;
    while (left > 0) {
      const std::size_t now = std::min(left, chunk.size());
      if (!send_all(socket_, std::span{chunk.data(), now})) {
        log("the client went away after " + std::to_string(payload_bytes - left) + " payload bytes");
        return false;
      }
      left -= now;
    }
    return true;
  }

 private:
  Socket socket_;
  const Settings& settings_;
  Log& log_;
  int connection_number_;
  std::uint8_t protocol_level_ = 4;
};

// ----------------------------------------------------------------------------------------------------------
// Behaviours: each mode is three hooks; the defaults are a well-behaved broker.

Next accept_connection(Session& session) {
  return session.send_connack(0) ? Next::keep_serving : Next::close_connection;
}

Next grant_subscription(Session& session, const SubscribeRequest& request) {
  session.log("SUBACK granting " + quoted_list(request.filters));
  return session.send_suback(request.packet_id, request.requested_qos) ? Next::keep_serving
                                                                       : Next::close_connection;
}

Next acknowledge_publish(Session& session, const PublishRequest& request) {
  bool sent = true;
  if (request.qos == 1) {
    sent = session.send_acknowledgement(packet_type::puback, request.packet_id);
  } else if (request.qos == 2) {
    sent = session.send_acknowledgement(packet_type::pubrec, request.packet_id);
  }
  return sent ? Next::keep_serving : Next::close_connection;
}

// MQTT 5 section 3.2.2.2 gives the v5 reason code each v3 return code became.
std::uint8_t v5_code_for_v3(int v3_code) {
  constexpr std::array<std::uint8_t, 6> v5_codes{0x00, 0x84, 0x85, 0x88, 0x86, 0x87};
  return v5_codes.at(static_cast<std::size_t>(v3_code));
}

// The other way round for the codes that have a v3 counterpart; any other refusal reads as "not authorized".
std::uint8_t v3_code_for_v5(int v5_code) {
  switch (v5_code) {
    case 0x84:
      return 1;
    case 0x85:
      return 2;
    case 0x88:
      return 3;
    case 0x86:
      return 4;
    default:
      return 5;
  }
}

Next refuse_v3_style(Session& session) {
  const int code = session.settings().mode_number;
  session.send_connack(session.is_v5() ? v5_code_for_v3(code) : static_cast<std::uint8_t>(code));
  return Next::close_connection;
}

Next refuse_v5_style(Session& session) {
  const int code = session.settings().mode_number;
  session.send_connack(session.is_v5() ? static_cast<std::uint8_t>(code) : v3_code_for_v5(code));
  return Next::close_connection;
}

Next close_at_once(Session& session) {
  session.log("closing without a CONNACK");
  return Next::close_connection;
}

Next never_answer(Session& session) {
  session.log("saying nothing until the client gives up");
  wait_until_peer_closes(session.socket());
  return Next::close_connection;
}

Next answer_with_garbage(Session& session) {
  std::random_device seed_source;
  std::mt19937 generator{seed_source()};
  std::uniform_int_distribution<unsigned> byte_value{0, 255};
  Bytes garbage(64);
  std::generate(garbage.begin(), garbage.end(),
                [&] { return static_cast<std::uint8_t>(byte_value(generator)); });
  // Packet type 0 is reserved: no client can take the start of the garbage for a CONNACK by luck.
  garbage[0] = static_cast<std::uint8_t>(garbage[0] & 0x0FU);
  session.log("answering with 64 random bytes");
  if (session.send(garbage)) {
    wait_until_peer_closes(session.socket());
  }
  return Next::close_connection;
}

Next answer_with_huge_length(Session& session) {
  // Five continuation-flagged length bytes: a remaining length past 268,435,455 that no decoder may accept.
  const Bytes header{header_byte(packet_type::connack), 0xFF, 0xFF, 0xFF, 0xFF, 0x7F, 0x00, 0x00};
  session.log("answering with a 5-byte remaining length (more than " + std::to_string(max_remaining_length) +
              ")");
  if (session.send(header)) {
    wait_until_peer_closes(session.socket());
  }
  return Next::close_connection;
}

Next subscribe_then_bad_utf8(Session& session, const SubscribeRequest& request) {
  if (grant_subscription(session, request) == Next::close_connection) {
    return Next::close_connection;
  }
  // 0xC3 starts a two-byte sequence and 0x28 cannot continue it.
  constexpr std::string_view bad_topic{"hostile/\xC3\x28/topic"};
  session.log("PUBLISH with an invalid UTF-8 topic");
  return session.send_publish(bad_topic, 9) ? Next::keep_serving : Next::close_connection;
}

Next subscribe_then_huge_payload(Session& session, const SubscribeRequest& request) {
  if (grant_subscription(session, request) == Next::close_connection) {
    return Next::close_connection;
  }
  const std::size_t bytes = session.settings().payload_bytes;
  session.log("PUBLISH with a payload of " + std::to_string(bytes) + " bytes");
  if (!session.send_publish("hostile/huge", bytes)) {
    return Next::close_connection;
  }
  session.log("the whole payload was sent");
  return Next::keep_serving;
}

Next pubrec_then_drop(Session& session, const PublishRequest& request) {
  if (request.qos != 2) {
    return acknowledge_publish(session, request);
  }
  session.send_acknowledgement(packet_type::pubrec, request.packet_id);
  session.log("PUBREC sent, closing before PUBREL/PUBCOMP");
  return Next::close_connection;
}

Next reject_publish(Session& session, const PublishRequest& request) {
  if (request.qos == 0) {
    return Next::keep_serving;
  }
  if (!session.is_v5()) {
    // MQTT 3.1.1 has no way to refuse a publish except dropping the connection.
    session.log("a v3 client cannot be told about a rejection: closing");
    return Next::close_connection;
  }
  const auto reason = static_cast<std::uint8_t>(session.settings().mode_number);
  const std::uint8_t type = request.qos == 1 ? packet_type::puback : packet_type::pubrec;
  session.log((request.qos == 1 ? "PUBACK" : "PUBREC") + std::string{" reason "} + std::to_string(reason));
  return session.send_acknowledgement(type, request.packet_id, reason) ? Next::keep_serving
                                                                       : Next::close_connection;
}

Next reject_subscription(Session& session, const SubscribeRequest& request) {
  const std::uint8_t failure = session.is_v5() ? 0x87 : 0x80;
  session.log("SUBACK refusing " + quoted_list(request.filters) + " with code " + std::to_string(failure));
  const std::vector<std::uint8_t> codes(request.requested_qos.size(), failure);
  return session.send_suback(request.packet_id, codes) ? Next::keep_serving : Next::close_connection;
}

Next ignore_subscription(Session& session, const SubscribeRequest& request) {
  session.log("not answering the SUBSCRIBE to " + quoted_list(request.filters));
  return Next::keep_serving;
}

Next accept_then_disconnect(Session& session) {
  if (!session.send_connack(0)) {
    return Next::close_connection;
  }
  if (session.is_v5()) {
    session.send_disconnect(static_cast<std::uint8_t>(session.settings().mode_number));
  } else {
    session.log("a v3 client gets no DISCONNECT: closing");
  }
  return Next::close_connection;
}

Next subscribe_then_disconnect(Session& session, const SubscribeRequest& request) {
  if (grant_subscription(session, request) == Next::close_connection) {
    return Next::close_connection;
  }
  if (session.is_v5()) {
    session.send_disconnect(static_cast<std::uint8_t>(session.settings().mode_number));
  }
  return Next::close_connection;
}

struct Behaviour {
  Next (*on_connect)(Session&) = accept_connection;
  Next (*on_subscribe)(Session&, const SubscribeRequest&) = grant_subscription;
  Next (*on_publish)(Session&, const PublishRequest&) = acknowledge_publish;
};

struct ModeEntry {
  std::string_view name;
  bool takes_number;  // written NAME:N
  int lowest;
  int highest;
  Behaviour behaviour;
};

constexpr ModeEntry mode_table[] = {
    {"connack-v3", true, 1, 5, {.on_connect = refuse_v3_style}},
    {"connack-v5", true, 128, 162, {.on_connect = refuse_v5_style}},
    {"close-after-connect", false, 0, 0, {.on_connect = close_at_once}},
    {"silent", false, 0, 0, {.on_connect = never_answer}},
    {"garbage", false, 0, 0, {.on_connect = answer_with_garbage}},
    {"huge-remaining-length", false, 0, 0, {.on_connect = answer_with_huge_length}},
    {"bad-utf8-publish", false, 0, 0, {.on_subscribe = subscribe_then_bad_utf8}},
    {"huge-payload", false, 0, 0, {.on_subscribe = subscribe_then_huge_payload}},
    {"drop-mid-qos2", false, 0, 0, {.on_publish = pubrec_then_drop}},
    {"puback-reject", true, 128, 162, {.on_publish = reject_publish}},
    {"suback-reject", false, 0, 0, {.on_subscribe = reject_subscription}},
    {"suback-silent", false, 0, 0, {.on_subscribe = ignore_subscription}},
    {"disconnect", true, 0, 255, {.on_connect = accept_then_disconnect}},
    {"disconnect-after-suback", true, 0, 255, {.on_subscribe = subscribe_then_disconnect}},
};

// After the CONNECT hook: the ordinary broker loop, with the mode's hooks for SUBSCRIBE and PUBLISH.
void serve_packets(Session& session, const Behaviour& behaviour) {
  while (true) {
    const auto packet = read_packet(session.socket());
    if (!packet) {
      session.log("the client closed the connection");
      return;
    }
    Next next = Next::keep_serving;
    switch (packet->type) {
      case packet_type::subscribe: {
        const auto request = parse_subscribe(*packet, session.is_v5());
        next = request ? behaviour.on_subscribe(session, *request) : Next::close_connection;
        break;
      }
      case packet_type::publish: {
        const auto request = parse_publish(*packet);
        next = request ? behaviour.on_publish(session, *request) : Next::close_connection;
        break;
      }
      case packet_type::pubrel:
        next = session.send_acknowledgement(packet_type::pubcomp, leading_packet_id(*packet))
                   ? Next::keep_serving
                   : Next::close_connection;
        break;
      case packet_type::unsubscribe: {
        // A v5 UNSUBACK needs one reason code per filter; success for all is enough here.
        Bytes body;
        append_u16(body, leading_packet_id(*packet));
        if (session.is_v5()) {
          body.push_back(0x00);
          body.push_back(0x00);
        }
        next = session.send(make_packet(header_byte(packet_type::unsuback), body)) ? Next::keep_serving
                                                                                   : Next::close_connection;
        break;
      }
      case packet_type::pingreq:
        next = session.send(Bytes{header_byte(packet_type::pingresp), 0x00}) ? Next::keep_serving
                                                                             : Next::close_connection;
        break;
      case packet_type::disconnect:
        session.log("DISCONNECT from the client");
        return;
      default:  // PUBACK, PUBREC, PUBCOMP for our QoS 0 publishes never come; anything else is ignored
        break;
    }
    if (next == Next::close_connection) {
      session.log("closing the connection");
      return;
    }
  }
}

void serve_connection(Session session, const Behaviour& behaviour) {
  const auto packet = read_packet(session.socket());
  if (!packet) {
    session.log("closed before sending a CONNECT");
    return;
  }
  const auto connect = parse_connect(*packet);
  if (!connect) {
    session.log("the first packet is not a valid CONNECT: closing");
    return;
  }
  session.set_protocol_level(connect->protocol_level);
  session.log("CONNECT protocol level " + std::to_string(connect->protocol_level) + " client id '" +
              connect->client_id + "'");
  if (behaviour.on_connect(session) == Next::close_connection) {
    session.log("closing the connection");
    return;
  }
  serve_packets(session, behaviour);
}

// ----------------------------------------------------------------------------------------------------------
// Command line

struct Options {
  const ModeEntry* mode = nullptr;
  Settings settings;
  unsigned port = 0;
  int lifetime_seconds = 60;
};

template <typename Number>
std::optional<Number> parse_number(std::string_view text) {
  Number value{};
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return value;
}

// Returns an error message, or an empty string when MODE_TEXT names a mode (and its number) we know.
std::string parse_mode(std::string_view mode_text, Options& options) {
  const auto colon = mode_text.find(':');
  const std::string_view name = mode_text.substr(0, colon);
  for (const ModeEntry& entry : mode_table) {
    if (entry.name != name) {
      continue;
    }
    if (!entry.takes_number) {
      if (colon != std::string_view::npos) {
        return "mode " + std::string{name} + " takes no number";
      }
      options.mode = &entry;
      return {};
    }
    const auto number =
        colon == std::string_view::npos ? std::nullopt : parse_number<int>(mode_text.substr(colon + 1));
    if (!number || *number < entry.lowest || *number > entry.highest) {
      return "mode " + std::string{name} + " needs :N with N from " + std::to_string(entry.lowest) + " to " +
             std::to_string(entry.highest);
    }
    options.mode = &entry;
    options.settings.mode_number = *number;
    return {};
  }
  return "unknown mode '" + std::string{mode_text} + "'";
}

std::string parse_arguments(int argc, char** argv, Options& options) {
  for (int index = 1; index < argc; ++index) {
    const std::string_view flag{argv[index]};
    if (index + 1 >= argc) {
      return "option " + std::string{flag} + " needs a value";
    }
    const std::string_view value{argv[++index]};
    if (flag == "--mode") {
      if (auto error = parse_mode(value, options); !error.empty()) {
        return error;
      }
    } else if (flag == "--port") {
      const auto port = parse_number<unsigned>(value);
      if (!port || *port > 65535) {
        return "--port needs a number from 0 to 65535";
      }
      options.port = *port;
    } else if (flag == "--lifetime") {
      const auto seconds = parse_number<int>(value);
      if (!seconds || *seconds < 1) {
        return "--lifetime needs a whole number of seconds, at least 1";
      }
      options.lifetime_seconds = *seconds;
    } else if (flag == "--payload-bytes") {
      const auto bytes = parse_number<std::size_t>(value);
      if (!bytes || *bytes > max_remaining_length - 64) {
        return "--payload-bytes needs a number below the MQTT packet limit";
      }
      options.settings.payload_bytes = *bytes;
    } else {
      return "unknown option '" + std::string{flag} + "'";
    }
  }
  if (options.mode == nullptr) {
    return "--mode is required";
  }
  return {};
}

std::string usage() {
  std::string text =
      "usage: hostile_broker --mode MODE [--port N] [--lifetime SECONDS] [--payload-bytes N]\nmodes:";
  for (const ModeEntry& entry : mode_table) {
    text += " ";
    text += entry.name;
    if (entry.takes_number) {
      text += ":N";
    }
  }
  return text;
}

// ----------------------------------------------------------------------------------------------------------

std::optional<Socket> listen_on_loopback(unsigned port, unsigned& bound_port) {
  Socket listener{socket(AF_INET, SOCK_STREAM, 0)};
  if (listener.get() < 0) {
    return std::nullopt;
  }
  const int reuse = 1;
  setsockopt(listener.get(), SOL_SOCKET, SO_REUSEADDR, &reuse, sizeof reuse);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(listener.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 ||
      listen(listener.get(), 64) != 0) {
    return std::nullopt;
  }
  socklen_t length = sizeof address;
  if (getsockname(listener.get(), reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    return std::nullopt;
  }
  bound_port = ntohs(address.sin_port);
  return listener;
}

// Runs on its own thread for the life of the process: the main thread only waits for a signal or the end of
// the lifetime, then ends the process with every connection thread still detached.
void accept_loop(const Socket& listener, const Behaviour& behaviour, const Settings& settings, Log& log) {
  int connection_number = 0;
  while (true) {
    const int client = accept(listener.get(), nullptr, nullptr);
    if (client < 0) {
      if (errno == EINTR || errno == ECONNABORTED || errno == EMFILE || errno == ENFILE) {
        continue;
      }
      log.line(std::string{"accept failed: "} + std::strerror(errno));
      return;
    }
    ++connection_number;
    std::thread{[&behaviour, &settings, &log, client, connection_number] {
      serve_connection(Session{Socket{client}, settings, log, connection_number}, behaviour);
    }}.detach();
  }
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (const auto error = parse_arguments(argc, argv, options); !error.empty()) {
    std::fprintf(stderr, "hostile_broker: %s\n%s\n", error.c_str(), usage().c_str());
    return 1;
  }

  // Blocked before any thread starts, so every thread inherits the mask and only sigtimedwait below sees
  // them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  unsigned bound_port = 0;
  const auto listener = listen_on_loopback(options.port, bound_port);
  if (!listener) {
    std::fprintf(stderr, "hostile_broker: cannot listen on 127.0.0.1:%u: %s\n", options.port,
                 std::strerror(errno));
    return 1;
  }
  std::printf("%u\n", bound_port);
  std::fflush(stdout);

  Log log;
  log.line("mode " + std::string{options.mode->name} + " on 127.0.0.1:" + std::to_string(bound_port));
  std::thread{[&] { accept_loop(*listener, options.mode->behaviour, options.settings, log); }}.detach();

  const timespec lifetime{.tv_sec = options.lifetime_seconds, .tv_nsec = 0};
  while (true) {
    const int signal_number = sigtimedwait(&stop_signals, nullptr, &lifetime);
    if (signal_number < 0 && errno == EINTR) {
      continue;
    }
    log.line(signal_number < 0 ? "lifetime over, exiting"
                               : "signal " + std::to_string(signal_number) + ", exiting");
    break;
  }
  // Detached threads still use the listener, the log and the options: leave without running destructors.
  std::fflush(stderr);
  std::_Exit(0);
}
