#include "mq/wire/codec.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "mq/core/packet_size.hpp"

namespace mq::wire {
namespace {

// MQTT 5 property identifiers (section 2.2.2.2 of the standard).
namespace property {
constexpr std::uint8_t payload_format_indicator = 0x01;
constexpr std::uint8_t message_expiry_interval = 0x02;
constexpr std::uint8_t content_type = 0x03;
constexpr std::uint8_t response_topic = 0x08;
constexpr std::uint8_t correlation_data = 0x09;
constexpr std::uint8_t subscription_identifier = 0x0B;
constexpr std::uint8_t session_expiry_interval = 0x11;
constexpr std::uint8_t assigned_client_identifier = 0x12;
constexpr std::uint8_t server_keep_alive = 0x13;
constexpr std::uint8_t authentication_method = 0x15;
constexpr std::uint8_t authentication_data = 0x16;
constexpr std::uint8_t request_problem_information = 0x17;
constexpr std::uint8_t will_delay_interval = 0x18;
constexpr std::uint8_t request_response_information = 0x19;
constexpr std::uint8_t response_information = 0x1A;
constexpr std::uint8_t server_reference = 0x1C;
constexpr std::uint8_t reason_string = 0x1F;
constexpr std::uint8_t receive_maximum = 0x21;
constexpr std::uint8_t topic_alias_maximum = 0x22;
constexpr std::uint8_t topic_alias = 0x23;
constexpr std::uint8_t maximum_qos = 0x24;
constexpr std::uint8_t retain_available = 0x25;
constexpr std::uint8_t user_property = 0x26;
constexpr std::uint8_t maximum_packet_size = 0x27;
constexpr std::uint8_t wildcard_subscription_available = 0x28;
constexpr std::uint8_t subscription_identifier_available = 0x29;
constexpr std::uint8_t shared_subscription_available = 0x2A;
}  // namespace property

// How a property's value is laid out: a receiver must know every type to step over the ones it ignores.
enum class ValueType { unknown, byte, two_bytes, four_bytes, variable, utf8, binary, utf8_pair };

struct PropertyKind {
  std::uint8_t id;
  ValueType type;
};

constexpr PropertyKind property_kinds[] = {
    {property::payload_format_indicator, ValueType::byte},
    {property::message_expiry_interval, ValueType::four_bytes},
    {property::content_type, ValueType::utf8},
    {property::response_topic, ValueType::utf8},
    {property::correlation_data, ValueType::binary},
    {property::subscription_identifier, ValueType::variable},
    {property::session_expiry_interval, ValueType::four_bytes},
    {property::assigned_client_identifier, ValueType::utf8},
    {property::server_keep_alive, ValueType::two_bytes},
    {property::authentication_method, ValueType::utf8},
    {property::authentication_data, ValueType::binary},
    {property::request_problem_information, ValueType::byte},
    {property::will_delay_interval, ValueType::four_bytes},
    {property::request_response_information, ValueType::byte},
    {property::response_information, ValueType::utf8},
    {property::server_reference, ValueType::utf8},
    {property::reason_string, ValueType::utf8},
    {property::receive_maximum, ValueType::two_bytes},
    {property::topic_alias_maximum, ValueType::two_bytes},
    {property::topic_alias, ValueType::two_bytes},
    {property::maximum_qos, ValueType::byte},
    {property::retain_available, ValueType::byte},
    {property::user_property, ValueType::utf8_pair},
    {property::maximum_packet_size, ValueType::four_bytes},
    {property::wildcard_subscription_available, ValueType::byte},
    {property::subscription_identifier_available, ValueType::byte},
    {property::shared_subscription_available, ValueType::byte},
};

ValueType value_type(std::uint8_t id) {
  for (const auto& kind : property_kinds)
    if (kind.id == id) return kind.type;
  return ValueType::unknown;
}

// --- Encoding helpers (big-endian, as MQTT puts every integer on the wire) ---

void put_byte(std::string& out, unsigned value) {
  out.push_back(static_cast<char>(value & 0xFFu));
}

void put_two_bytes(std::string& out, std::uint16_t value) {
  put_byte(out, static_cast<unsigned>(value >> 8));
  put_byte(out, value);
}

void put_four_bytes(std::string& out, std::uint32_t value) {
  put_two_bytes(out, static_cast<std::uint16_t>(value >> 16));
  put_two_bytes(out, static_cast<std::uint16_t>(value & 0xFFFFu));
}

std::size_t variable_size(std::uint64_t value) {
  std::size_t bytes = 1;
  for (; value >= 128; value /= 128) ++bytes;
  return bytes;
}

void put_variable(std::string& out, std::uint64_t value) {
  do {
    unsigned digit = static_cast<unsigned>(value % 128);
    value /= 128;
    if (value > 0) digit |= 0x80u;
    put_byte(out, digit);
  } while (value > 0);
}

// Two-byte length, then the bytes (UTF-8 strings and binary data alike). The callers' inputs were validated
// against MQTT's 65535-byte limit; should a longer one slip through, cutting it keeps the stream parseable
// where a wrapped length would desynchronise the broker's reading of every later byte.
void put_string(std::string& out, std::string_view text) {
  const auto length = std::min<std::size_t>(text.size(), 0xFFFF);
  put_two_bytes(out, static_cast<std::uint16_t>(length));
  out.append(text.data(), length);
}

void put_byte_property(std::string& out, std::uint8_t id, std::uint8_t value) {
  put_byte(out, id);
  put_byte(out, value);
}

void put_two_byte_property(std::string& out, std::uint8_t id, std::uint16_t value) {
  put_byte(out, id);
  put_two_bytes(out, value);
}

void put_four_byte_property(std::string& out, std::uint8_t id, std::uint32_t value) {
  put_byte(out, id);
  put_four_bytes(out, value);
}

void put_string_property(std::string& out, std::uint8_t id, std::string_view value) {
  put_byte(out, id);
  put_string(out, value);
}

void put_user_properties(std::string& out, const std::vector<std::pair<std::string, std::string>>& pairs) {
  for (const auto& [name, value] : pairs) {
    put_byte(out, property::user_property);
    put_string(out, name);
    put_string(out, value);
  }
}

// Puts the variable byte integer length of everything from `start` to the end in front of it. Only for the
// packets sent once per connection: the PUBLISH path knows its sizes up front and never moves bytes.
void prefix_length(std::string& out, std::size_t start) {
  std::string length;
  put_variable(length, out.size() - start);
  out.insert(start, length);
}

enum class MessagePropertiesOf { will, publish };

// The order matches what publish_packet_size() counts; a will carries no topic alias or subscription ids.
void put_message_properties(std::string& out, const MessageProperties& properties,
                            MessagePropertiesOf owner) {
  const bool publish = owner == MessagePropertiesOf::publish;
  if (properties.payload_format_indicator)
    put_byte_property(out, property::payload_format_indicator, *properties.payload_format_indicator);
  if (properties.message_expiry_interval)
    put_four_byte_property(out, property::message_expiry_interval, *properties.message_expiry_interval);
  if (publish && properties.topic_alias)
    put_two_byte_property(out, property::topic_alias, *properties.topic_alias);
  if (properties.content_type) put_string_property(out, property::content_type, *properties.content_type);
  if (properties.response_topic)
    put_string_property(out, property::response_topic, *properties.response_topic);
  if (properties.correlation_data)
    put_string_property(out, property::correlation_data, *properties.correlation_data);
  put_user_properties(out, properties.user_properties);
  if (!publish) return;
  for (const auto identifier : properties.subscription_identifiers) {
    put_byte(out, property::subscription_identifier);
    put_variable(out, identifier);
  }
}

void put_connect_properties(std::string& out, const ResolvedConnection& connection) {
  const auto start = out.size();
  const auto& connect = connection.properties.connect;
  // -D connect session-expiry-interval wins over -x; sending both would repeat the property, which the
  // broker must treat as a protocol error.
  const auto session_expiry =
      connect.session_expiry_interval ? connect.session_expiry_interval : connection.session_expiry_seconds;
  if (session_expiry) put_four_byte_property(out, property::session_expiry_interval, *session_expiry);
  if (connect.receive_maximum)
    put_two_byte_property(out, property::receive_maximum, *connect.receive_maximum);
  if (connect.maximum_packet_size)
    put_four_byte_property(out, property::maximum_packet_size, *connect.maximum_packet_size);
  if (connect.topic_alias_maximum)
    put_two_byte_property(out, property::topic_alias_maximum, *connect.topic_alias_maximum);
  if (connect.request_response_information)
    put_byte_property(out, property::request_response_information, *connect.request_response_information);
  if (connect.request_problem_information)
    put_byte_property(out, property::request_problem_information, *connect.request_problem_information);
  if (connect.authentication_method)
    put_string_property(out, property::authentication_method, *connect.authentication_method);
  if (connect.authentication_data)
    put_string_property(out, property::authentication_data, *connect.authentication_data);
  put_user_properties(out, connect.user_properties);
  prefix_length(out, start);
}

void put_will_properties(std::string& out, const PropertySet& properties) {
  const auto start = out.size();
  if (properties.will_delay_interval)
    put_four_byte_property(out, property::will_delay_interval, *properties.will_delay_interval);
  put_message_properties(out, properties.will, MessagePropertiesOf::will);
  prefix_length(out, start);
}

// Grows geometrically so that appending packet after packet to one buffer stays linear.
void reserve_more(std::string& out, std::uint64_t bytes) {
  const auto needed = out.size() + static_cast<std::size_t>(bytes);
  if (needed > out.capacity()) out.reserve(std::max(needed, 2 * out.capacity()));
}

constexpr std::uint8_t connect_username = 0x80;
constexpr std::uint8_t connect_password = 0x40;
constexpr std::uint8_t connect_will_retain = 0x20;
constexpr std::uint8_t connect_will = 0x04;
constexpr std::uint8_t connect_clean_session = 0x02;

// --- Decoding helpers ---

enum class Read { ok, truncated, too_long };

// Reads fields from the front of a packet body; each read fails rather than run past the end.
class Cursor {
 public:
  explicit Cursor(std::string_view bytes) : rest_(bytes) {}

  bool empty() const { return rest_.empty(); }
  std::string_view rest() const { return rest_; }
  std::size_t size() const { return rest_.size(); }

  bool take(std::size_t count, std::string_view& bytes) {
    if (rest_.size() < count) return false;
    bytes = rest_.substr(0, count);
    rest_.remove_prefix(count);
    return true;
  }
  bool byte(std::uint8_t& value) {
    std::string_view bytes;
    if (!take(1, bytes)) return false;
    value = static_cast<std::uint8_t>(bytes[0]);
    return true;
  }
  bool two_bytes(std::uint16_t& value) {
    std::string_view bytes;
    if (!take(2, bytes)) return false;
    value = static_cast<std::uint16_t>(unsigned_at(bytes, 0) << 8 | unsigned_at(bytes, 1));
    return true;
  }
  bool four_bytes(std::uint32_t& value) {
    std::string_view bytes;
    if (!take(4, bytes)) return false;
    value = unsigned_at(bytes, 0) << 24 | unsigned_at(bytes, 1) << 16 | unsigned_at(bytes, 2) << 8 |
            unsigned_at(bytes, 3);
    return true;
  }
  Read variable(std::uint32_t& value) {
    value = 0;
    for (unsigned shift = 0; shift < 28; shift += 7) {
      std::uint8_t digit = 0;
      if (!byte(digit)) return Read::truncated;
      value |= static_cast<std::uint32_t>(digit & 0x7Fu) << shift;
      if ((digit & 0x80u) == 0) return Read::ok;
    }
    return Read::too_long;
  }
  // A two-byte length, then that many bytes.
  bool string(std::string_view& text) {
    std::uint16_t length = 0;
    return two_bytes(length) && take(length, text);
  }

 private:
  static std::uint32_t unsigned_at(std::string_view bytes, std::size_t index) {
    return static_cast<unsigned char>(bytes[index]);
  }

  std::string_view rest_;
};

tl::unexpected<std::string> malformed(std::string_view packet, std::string_view problem) {
  return tl::unexpected(fmt::format("malformed {}: {}", packet, problem));
}

struct Property {
  std::uint8_t id = 0;
  std::uint32_t number = 0;  // byte, integer and variable byte integer values
  std::string_view text;     // string and binary values; a user property's name
  std::string_view value;    // a user property's value
};

Read read_value(Cursor& cursor, ValueType type, Property& property) {
  switch (type) {
    case ValueType::byte: {
      std::uint8_t value = 0;
      if (!cursor.byte(value)) return Read::truncated;
      property.number = value;
      return Read::ok;
    }
    case ValueType::two_bytes: {
      std::uint16_t value = 0;
      if (!cursor.two_bytes(value)) return Read::truncated;
      property.number = value;
      return Read::ok;
    }
    case ValueType::four_bytes:
      return cursor.four_bytes(property.number) ? Read::ok : Read::truncated;
    case ValueType::variable:
      return cursor.variable(property.number);
    case ValueType::utf8:
    case ValueType::binary:
      return cursor.string(property.text) ? Read::ok : Read::truncated;
    case ValueType::utf8_pair:
      return cursor.string(property.text) && cursor.string(property.value) ? Read::ok : Read::truncated;
    case ValueType::unknown:
      break;
  }
  return Read::truncated;
}

// Reads a property section (its length first) and hands each property to `handle`, which returns a problem
// with the value, or nothing. Unknown identifiers are refused: their length is unknowable, so nothing after
// them could be read. A property other than user property and subscription identifier may appear once.
template <typename Handle>
tl::expected<void, std::string> read_properties(Cursor& cursor, std::string_view packet, Handle&& handle) {
  std::uint32_t length = 0;
  const auto read_length = cursor.variable(length);
  if (read_length == Read::truncated) return malformed(packet, "truncated property length");
  if (read_length == Read::too_long) return malformed(packet, "property length longer than four bytes");
  std::string_view section;
  if (!cursor.take(length, section)) return malformed(packet, "truncated properties");
  Cursor properties(section);
  std::uint64_t seen = 0;  // bit n: property n was read (every known identifier is below 64)
  while (!properties.empty()) {
    Property found;
    properties.byte(found.id);
    const auto type = value_type(found.id);
    if (type == ValueType::unknown)
      return malformed(packet, fmt::format("unknown property 0x{:02x}", found.id));
    const auto bit = std::uint64_t{1} << found.id;
    if (found.id != property::user_property && found.id != property::subscription_identifier) {
      if ((seen & bit) != 0)
        return malformed(packet, fmt::format("property 0x{:02x} appears twice", found.id));
      seen |= bit;
    }
    const auto read = read_value(properties, type, found);
    if (read == Read::truncated) return malformed(packet, "truncated properties");
    if (read == Read::too_long) return malformed(packet, "variable byte integer longer than four bytes");
    if (const std::optional<std::string_view> problem = handle(found)) return malformed(packet, *problem);
  }
  return {};
}

constexpr std::string_view connack_name = "CONNACK";
constexpr std::string_view ack_name = "acknowledgement";
constexpr std::string_view publish_name = "PUBLISH";
constexpr std::string_view suback_name = "SUBACK";
constexpr std::string_view disconnect_name = "DISCONNECT";

// Reason string and user properties are all an acknowledgement or DISCONNECT carries for us.
template <typename Reply>
tl::expected<void, std::string> read_reply_properties(Cursor& cursor, std::string_view packet, Reply& reply) {
  return read_properties(cursor, packet, [&](const Property& found) -> std::optional<std::string_view> {
    if (found.id == property::reason_string) reply.reason_string = std::string(found.text);
    return std::nullopt;
  });
}

}  // namespace

// --- Encoding ---

void append_connect(std::string& out, const ResolvedConnection& connection, std::string_view client_id,
                    const std::optional<std::string>& username) {
  const bool v5 = connection.version == ProtocolVersion::v5;
  const auto& will = connection.will;
  const bool has_will = will.topic.has_value();

  put_byte(out, static_cast<unsigned>(PacketType::connect) << 4);
  const auto body = out.size();
  put_string(out, connection.version == ProtocolVersion::v31 ? "MQIsdp" : "MQTT");
  put_byte(out, static_cast<unsigned>(connection.version));
  unsigned flags = 0;
  if (connection.clean_session) flags |= connect_clean_session;
  if (has_will) {
    flags |= connect_will | (static_cast<unsigned>(will.qos) & 0x3u) << 3;
    if (will.retain) flags |= connect_will_retain;
  }
  if (connection.password) flags |= connect_password;
  if (username) flags |= connect_username;
  put_byte(out, flags);
  put_two_bytes(out, static_cast<std::uint16_t>(std::clamp(connection.keepalive_seconds, 0, 0xFFFF)));
  if (v5) put_connect_properties(out, connection);

  put_string(out, client_id);
  if (has_will) {
    if (v5) put_will_properties(out, connection.properties);
    put_string(out, *will.topic);
    put_string(out, will.payload ? std::string_view(*will.payload) : std::string_view());
  }
  if (username) put_string(out, *username);
  if (connection.password) put_string(out, *connection.password);
  prefix_length(out, body);
}

void append_publish(std::string& out, ProtocolVersion version, std::string_view topic,
                    std::string_view payload, int qos, bool retain, bool dup, std::uint16_t packet_id,
                    const MessageProperties* properties) {
  const bool v5 = version == ProtocolVersion::v5;
  const auto level = static_cast<unsigned>(qos) & 0x3u;
  // Sizes first, so the packet goes into the buffer with one reservation and no byte is moved afterwards.
  const std::uint64_t property_bytes = v5 && properties != nullptr ? encoded_properties_size(*properties) : 0;
  std::uint64_t remaining = 2 + topic.size() + (level > 0 ? 2 : 0) + payload.size();
  if (v5) remaining += variable_size(property_bytes) + property_bytes;
  reserve_more(out, 1 + variable_size(remaining) + remaining);

  unsigned first = static_cast<unsigned>(PacketType::publish) << 4 | level << 1;
  if (dup) first |= 0x08u;
  if (retain) first |= 0x01u;
  put_byte(out, first);
  put_variable(out, remaining);
  put_string(out, topic);
  if (level > 0) put_two_bytes(out, packet_id);
  if (v5) {
    put_variable(out, property_bytes);
    if (properties != nullptr) put_message_properties(out, *properties, MessagePropertiesOf::publish);
  }
  out.append(payload);
}

void append_ack(std::string& out, PacketType type, std::uint16_t packet_id) {
  const unsigned flags = type == PacketType::pubrel ? 0x2u : 0x0u;
  put_byte(out, static_cast<unsigned>(type) << 4 | flags);
  put_byte(out, 2);
  put_two_bytes(out, packet_id);
}

void append_subscribe(std::string& out, ProtocolVersion version, std::uint16_t packet_id,
                      const std::vector<Subscription>& subscriptions,
                      std::optional<std::uint32_t> subscription_identifier,
                      const std::vector<std::pair<std::string, std::string>>& user_properties) {
  const bool v5 = version == ProtocolVersion::v5;
  put_byte(out, static_cast<unsigned>(PacketType::subscribe) << 4 | 0x2u);
  const auto body = out.size();
  put_two_bytes(out, packet_id);
  if (v5) {
    const auto start = out.size();
    if (subscription_identifier) {
      put_byte(out, property::subscription_identifier);
      put_variable(out, *subscription_identifier);
    }
    put_user_properties(out, user_properties);
    prefix_length(out, start);
  }
  for (const auto& subscription : subscriptions) {
    put_string(out, subscription.filter);
    unsigned options = static_cast<unsigned>(subscription.qos) & 0x3u;
    if (v5) {
      if (subscription.no_local) options |= 0x04u;
      if (subscription.retain_as_published) options |= 0x08u;
      options |= (static_cast<unsigned>(subscription.retain_handling) & 0x3u) << 4;
    }
    put_byte(out, options);
  }
  prefix_length(out, body);
}

void append_pingreq(std::string& out) {
  put_byte(out, static_cast<unsigned>(PacketType::pingreq) << 4);
  put_byte(out, 0);
}

void append_disconnect(std::string& out, ProtocolVersion version, int reason_code,
                       const DisconnectProperties& properties) {
  put_byte(out, static_cast<unsigned>(PacketType::disconnect) << 4);
  const bool has_properties =
      properties.session_expiry_interval || properties.reason_string || !properties.user_properties.empty();
  // MQTT 5 lets a normal disconnection without properties leave out the reason code too.
  if (version != ProtocolVersion::v5 || (reason_code == 0 && !has_properties)) {
    put_byte(out, 0);
    return;
  }
  const auto body = out.size();
  put_byte(out, static_cast<unsigned>(reason_code));
  if (has_properties) {
    const auto start = out.size();
    if (properties.session_expiry_interval)
      put_four_byte_property(out, property::session_expiry_interval, *properties.session_expiry_interval);
    if (properties.reason_string)
      put_string_property(out, property::reason_string, *properties.reason_string);
    put_user_properties(out, properties.user_properties);
    prefix_length(out, start);
  }
  prefix_length(out, body);
}

// --- PacketReader ---

char* PacketReader::space(std::size_t bytes) {
  if (start_ == end_) start_ = end_ = 0;
  if (buffer_.size() - end_ < bytes && start_ > 0) {
    // Move the unconsumed tail to the front before growing: a partial packet is usually small.
    std::copy(buffer_.begin() + static_cast<std::ptrdiff_t>(start_),
              buffer_.begin() + static_cast<std::ptrdiff_t>(end_), buffer_.begin());
    end_ -= start_;
    start_ = 0;
  }
  if (buffer_.size() - end_ < bytes) buffer_.resize(std::max(end_ + bytes, 2 * buffer_.size()));
  return buffer_.data() + end_;
}

void PacketReader::commit(std::size_t bytes) {
  end_ += std::min(bytes, buffer_.size() - end_);
}

tl::expected<std::optional<Packet>, std::string> PacketReader::next() {
  const std::string_view pending(buffer_.data() + start_, end_ - start_);
  if (pending.empty()) return std::nullopt;
  const auto first = static_cast<std::uint8_t>(pending[0]);
  if ((first >> 4) == 0) return tl::unexpected<std::string>("malformed packet: reserved packet type 0");

  // Remaining Length: at most four bytes, so a fourth with the continuation bit is refused without waiting.
  std::size_t remaining = 0;
  std::size_t header = 0;
  for (std::size_t index = 1; header == 0; ++index) {
    if (index >= pending.size()) return std::nullopt;
    const auto digit = static_cast<std::uint8_t>(pending[index]);
    remaining |= static_cast<std::size_t>(digit & 0x7Fu) << (7 * (index - 1));
    if ((digit & 0x80u) == 0)
      header = index + 1;
    else if (index == 4)
      return tl::unexpected<std::string>("malformed packet: remaining length longer than four bytes");
  }
  const std::size_t total = header + remaining;
  if (total > max_packet_bytes_)
    return tl::unexpected(
        fmt::format("packet of {} bytes is over the {}-byte limit", total, max_packet_bytes_));
  if (pending.size() < total) return std::nullopt;

  start_ += total;
  return Packet{static_cast<PacketType>(first >> 4), static_cast<std::uint8_t>(first & 0x0Fu),
                pending.substr(header, remaining)};
}

// --- Decoding ---

tl::expected<Connack, std::string> parse_connack(std::string_view body, ProtocolVersion version) {
  Cursor cursor(body);
  std::uint8_t flags = 0;
  std::uint8_t code = 0;
  if (!cursor.byte(flags) || !cursor.byte(code))
    return malformed(connack_name, fmt::format("expected at least 2 bytes, got {}", body.size()));
  if ((flags & 0xFEu) != 0) return malformed(connack_name, "reserved flag bits set");
  Connack connack;
  connack.session_present = (flags & 0x01u) != 0;
  connack.result.session_present = connack.session_present;
  connack.reason_code = code;
  if (version != ProtocolVersion::v5) {
    if (!cursor.empty()) return malformed(connack_name, fmt::format("expected 2 bytes, got {}", body.size()));
    return connack;
  }
  // MQTT 5 requires the property length, but a broker that leaves it out means "no properties".
  if (cursor.empty()) return connack;

  auto& result = connack.result;
  const auto read =
      read_properties(cursor, connack_name, [&](const Property& found) -> std::optional<std::string_view> {
        switch (found.id) {
          case property::receive_maximum:
            if (found.number == 0) return "receive maximum 0";
            result.receive_maximum = static_cast<int>(found.number);
            break;
          case property::maximum_qos:
            if (found.number > 1) return "maximum QoS other than 0 or 1";
            result.maximum_qos = static_cast<int>(found.number);
            break;
          case property::retain_available:
            if (found.number > 1) return "retain available other than 0 or 1";
            result.retain_available = found.number == 1;
            break;
          case property::maximum_packet_size:
            if (found.number == 0) return "maximum packet size 0";
            result.maximum_packet_size = found.number;
            break;
          case property::topic_alias_maximum:
            result.topic_alias_maximum = static_cast<int>(found.number);
            break;
          case property::assigned_client_identifier:
            result.assigned_client_id = std::string(found.text);
            break;
          case property::server_keep_alive:
            result.server_keepalive_seconds = static_cast<int>(found.number);
            break;
          case property::reason_string:
            connack.reason_string = std::string(found.text);
            break;
          default:
            break;
        }
        return std::nullopt;
      });
  if (!read) return tl::unexpected(read.error());
  if (!cursor.empty()) return malformed(connack_name, "bytes after the properties");
  return connack;
}

tl::expected<Ack, std::string> parse_ack(std::string_view body, ProtocolVersion version) {
  Cursor cursor(body);
  Ack ack;
  if (!cursor.two_bytes(ack.packet_id))
    return malformed(ack_name, fmt::format("expected at least 2 bytes, got {}", body.size()));
  if (ack.packet_id == 0) return malformed(ack_name, "packet id 0");
  if (version != ProtocolVersion::v5) {
    if (!cursor.empty()) return malformed(ack_name, fmt::format("expected 2 bytes, got {}", body.size()));
    return ack;
  }
  // MQTT 5 leaves out the reason code when it is 0 and the properties when there are none.
  std::uint8_t code = 0;
  if (!cursor.byte(code)) return ack;
  ack.reason_code = code;
  if (cursor.empty()) return ack;
  if (auto read = read_reply_properties(cursor, ack_name, ack); !read) return tl::unexpected(read.error());
  if (!cursor.empty()) return malformed(ack_name, "bytes after the properties");
  return ack;
}

tl::expected<IncomingPublish, std::string> parse_publish(std::uint8_t flags, std::string_view body,
                                                         ProtocolVersion version) {
  IncomingPublish incoming;
  incoming.qos = (flags >> 1) & 0x3;
  if (incoming.qos == 3) return malformed(publish_name, "QoS 3");
  incoming.dup = (flags & 0x08u) != 0;
  incoming.retain = (flags & 0x01u) != 0;
  Cursor cursor(body);
  if (!cursor.string(incoming.topic)) return malformed(publish_name, "truncated topic");
  if (incoming.qos > 0) {
    if (!cursor.two_bytes(incoming.packet_id)) return malformed(publish_name, "truncated packet id");
    if (incoming.packet_id == 0) return malformed(publish_name, "packet id 0");
  }
  if (version == ProtocolVersion::v5) {
    MessageProperties& properties = incoming.properties;
    auto read = read_properties(cursor, publish_name, [&](const Property& found) -> std::optional<std::string_view> {
      switch (found.id) {
        case property::payload_format_indicator:
          if (found.number > 1) return "payload format indicator other than 0 or 1";
          properties.payload_format_indicator = static_cast<std::uint8_t>(found.number);
          break;
        case property::message_expiry_interval:
          properties.message_expiry_interval = found.number;
          break;
        case property::topic_alias:
          if (found.number == 0) return "topic alias 0";
          properties.topic_alias = static_cast<std::uint16_t>(found.number);
          break;
        case property::content_type:
          properties.content_type = std::string(found.text);
          break;
        case property::response_topic:
          properties.response_topic = std::string(found.text);
          break;
        case property::correlation_data:
          properties.correlation_data = std::string(found.text);
          break;
        case property::subscription_identifier:
          if (found.number == 0) return "subscription identifier 0";
          properties.subscription_identifiers.push_back(found.number);
          break;
        case property::user_property:
          properties.user_properties.emplace_back(found.text, found.value);
          break;
        default:
          return "a property a PUBLISH cannot carry";
      }
      return std::nullopt;
    });
    if (!read) return tl::unexpected(read.error());
  }
  incoming.payload = cursor.rest();
  return incoming;
}

tl::expected<Suback, std::string> parse_suback(std::string_view body, ProtocolVersion version) {
  Cursor cursor(body);
  Suback suback;
  if (!cursor.two_bytes(suback.packet_id)) return malformed(suback_name, "truncated packet id");
  if (suback.packet_id == 0) return malformed(suback_name, "packet id 0");
  if (version == ProtocolVersion::v5)
    if (auto read = read_reply_properties(cursor, suback_name, suback); !read) return tl::unexpected(read.error());
  if (cursor.empty()) return malformed(suback_name, "no reason codes");
  std::uint8_t code = 0;
  while (cursor.byte(code)) suback.reason_codes.push_back(code);
  return suback;
}

tl::expected<Disconnect, std::string> parse_disconnect(std::string_view body, ProtocolVersion version) {
  Disconnect disconnect;
  if (body.empty()) return disconnect;
  if (version != ProtocolVersion::v5)
    return malformed(disconnect_name, fmt::format("expected 0 bytes, got {}", body.size()));
  Cursor cursor(body);
  std::uint8_t code = 0;
  cursor.byte(code);
  disconnect.reason_code = code;
  if (cursor.empty()) return disconnect;
  if (auto read = read_reply_properties(cursor, disconnect_name, disconnect); !read)
    return tl::unexpected(read.error());
  if (!cursor.empty()) return malformed(disconnect_name, "bytes after the properties");
  return disconnect;
}

}  // namespace mq::wire
