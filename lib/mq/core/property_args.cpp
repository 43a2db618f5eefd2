#include "mq/core/property_args.hpp"

#include <array>
#include <charconv>
#include <fmt/format.h>

#include "mq/core/topic.hpp"

namespace mq {
namespace {

struct PacketName {
  std::string_view name;
  PropertyPacket packet;
};

constexpr std::array packet_names{
    PacketName{"connect", PropertyPacket::connect},       PacketName{"publish", PropertyPacket::publish},
    PacketName{"subscribe", PropertyPacket::subscribe},   PacketName{"unsubscribe", PropertyPacket::unsubscribe},
    PacketName{"disconnect", PropertyPacket::disconnect}, PacketName{"will", PropertyPacket::will},
    PacketName{"auth", PropertyPacket::auth},
};

struct Allowed {
  PropertyPacket packet;
  std::string_view name;
};

constexpr std::array allowed{
    Allowed{PropertyPacket::connect, "authentication-data"},
    Allowed{PropertyPacket::connect, "authentication-method"},
    Allowed{PropertyPacket::connect, "maximum-packet-size"},
    Allowed{PropertyPacket::connect, "receive-maximum"},
    Allowed{PropertyPacket::connect, "request-problem-information"},
    Allowed{PropertyPacket::connect, "request-response-information"},
    Allowed{PropertyPacket::connect, "session-expiry-interval"},
    Allowed{PropertyPacket::connect, "topic-alias-maximum"},
    Allowed{PropertyPacket::connect, "user-property"},
    Allowed{PropertyPacket::publish, "content-type"},
    Allowed{PropertyPacket::publish, "correlation-data"},
    Allowed{PropertyPacket::publish, "message-expiry-interval"},
    Allowed{PropertyPacket::publish, "payload-format-indicator"},
    Allowed{PropertyPacket::publish, "response-topic"},
    Allowed{PropertyPacket::publish, "topic-alias"},
    Allowed{PropertyPacket::publish, "user-property"},
    Allowed{PropertyPacket::subscribe, "subscription-identifier"},
    Allowed{PropertyPacket::subscribe, "user-property"},
    Allowed{PropertyPacket::unsubscribe, "user-property"},
    Allowed{PropertyPacket::disconnect, "reason-string"},
    Allowed{PropertyPacket::disconnect, "session-expiry-interval"},
    Allowed{PropertyPacket::disconnect, "user-property"},
    Allowed{PropertyPacket::will, "content-type"},
    Allowed{PropertyPacket::will, "correlation-data"},
    Allowed{PropertyPacket::will, "message-expiry-interval"},
    Allowed{PropertyPacket::will, "payload-format-indicator"},
    Allowed{PropertyPacket::will, "response-topic"},
    Allowed{PropertyPacket::will, "user-property"},
    Allowed{PropertyPacket::will, "will-delay-interval"},
    Allowed{PropertyPacket::auth, "authentication-data"},
    Allowed{PropertyPacket::auth, "authentication-method"},
    Allowed{PropertyPacket::auth, "reason-string"},
    Allowed{PropertyPacket::auth, "user-property"},
};

tl::expected<std::uint32_t, std::string> parse_number(std::string_view name, std::string_view text,
                                                      std::uint64_t maximum) {
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value > maximum)
    return tl::unexpected(fmt::format("{} '{}' must be a number from 0 to {}", name, text, maximum));
  return static_cast<std::uint32_t>(value);
}

std::string joined_names(PropertyPacket packet) {
  return fmt::format("{}", fmt::join(property_names(packet), ", "));
}

tl::expected<void, std::string> apply_message_property(MessageProperties& target, std::string_view name,
                                                       const std::string& value) {
  if (name == "content-type") {
    target.content_type = value;
  } else if (name == "correlation-data") {
    target.correlation_data = value;
  } else if (name == "response-topic") {
    if (auto valid = validate_topic_name(value); !valid)
      return tl::unexpected(fmt::format("response-topic '{}': {}", value, valid.error()));
    target.response_topic = value;
  } else if (name == "message-expiry-interval") {
    auto number = parse_number(name, value, 0xFFFFFFFFu);
    if (!number) return tl::unexpected(number.error());
    target.message_expiry_interval = *number;
  } else if (name == "payload-format-indicator") {
    auto number = parse_number(name, value, 1);
    if (!number) return tl::unexpected(number.error());
    target.payload_format_indicator = static_cast<std::uint8_t>(*number);
  } else if (name == "topic-alias") {
    auto number = parse_number(name, value, 65535);
    if (!number || *number == 0) return tl::unexpected(fmt::format("topic-alias '{}' must be 1 to 65535", value));
    target.topic_alias = static_cast<std::uint16_t>(*number);
  }
  return {};
}

}  // namespace

std::vector<std::string_view> property_names(PropertyPacket packet) {
  std::vector<std::string_view> names;
  for (const auto& entry : allowed)
    if (entry.packet == packet) names.push_back(entry.name);
  return names;
}

std::vector<std::string_view> property_packet_names() {
  std::vector<std::string_view> names;
  for (const auto& entry : packet_names) names.push_back(entry.name);
  return names;
}

tl::expected<void, std::string> add_property_argument(PropertySet& set, const std::vector<std::string>& words) {
  if (words.size() < 3)
    return tl::unexpected(std::string("needs a packet, a property name and a value (e.g. -D publish content-type text/plain)"));
  const std::string& packet_text = words[0];
  const std::string& name = words[1];
  std::optional<PropertyPacket> packet;
  for (const auto& entry : packet_names)
    if (packet_text == entry.name) packet = entry.packet;
  if (!packet)
    return tl::unexpected(fmt::format("unknown packet '{}' (use one of: connect, publish, subscribe, unsubscribe, "
                                      "disconnect, will, auth)",
                                      packet_text));
  bool known = false;
  for (const auto& entry : allowed)
    if (entry.packet == *packet && entry.name == name) known = true;
  if (!known)
    return tl::unexpected(fmt::format("'{}' is not a {} property (valid: {})", name, packet_text, joined_names(*packet)));
  const bool user_property = name == "user-property";
  if (user_property && words.size() != 4)
    return tl::unexpected(std::string("user-property needs a name and a value (e.g. -D publish user-property unit celsius)"));
  if (!user_property && words.size() != 3)
    return tl::unexpected(fmt::format("{} takes one value, got {}", name, words.size() - 2));
  const std::string& value = words[2];
  // MQTT puts a two-byte length in front of every string property: a longer value cannot be sent whole.
  for (std::size_t at = 2; at < words.size(); ++at)
    if (words[at].size() > 65535)
      return tl::unexpected(fmt::format("the {} is {} bytes; an MQTT property string holds at most 65,535",
                                        user_property && at == 2 ? "name" : "value", words[at].size()));
  set.any = true;

  if (user_property) {
    std::pair<std::string, std::string> pair{value, words[3]};
    switch (*packet) {
      case PropertyPacket::connect: set.connect.user_properties.push_back(pair); break;
      case PropertyPacket::publish: set.publish.user_properties.push_back(pair); break;
      case PropertyPacket::will: set.will.user_properties.push_back(pair); break;
      case PropertyPacket::subscribe: set.subscribe.user_properties.push_back(pair); break;
      case PropertyPacket::unsubscribe: set.unsubscribe_user_properties.push_back(pair); break;
      case PropertyPacket::disconnect: set.disconnect.user_properties.push_back(pair); break;
      case PropertyPacket::auth: break;
    }
    return {};
  }

  switch (*packet) {
    case PropertyPacket::publish: return apply_message_property(set.publish, name, value);
    case PropertyPacket::will: {
      if (name == "will-delay-interval") {
        auto number = parse_number(name, value, 0xFFFFFFFFu);
        if (!number) return tl::unexpected(number.error());
        set.will_delay_interval = *number;
        return {};
      }
      return apply_message_property(set.will, name, value);
    }
    case PropertyPacket::subscribe: {
      auto number = parse_number(name, value, 268435455);
      if (!number || *number == 0)
        return tl::unexpected(fmt::format("subscription-identifier '{}' must be 1 to 268435455", value));
      set.subscribe.subscription_identifier = *number;
      return {};
    }
    case PropertyPacket::disconnect: {
      if (name == "reason-string") {
        set.disconnect.reason_string = value;
        return {};
      }
      auto number = parse_number(name, value, 0xFFFFFFFFu);
      if (!number) return tl::unexpected(number.error());
      set.disconnect.session_expiry_interval = *number;
      return {};
    }
    case PropertyPacket::connect: {
      auto& connect = set.connect;
      if (name == "authentication-method") {
        connect.authentication_method = value;
      } else if (name == "authentication-data") {
        connect.authentication_data = value;
      } else if (name == "request-problem-information" || name == "request-response-information") {
        auto number = parse_number(name, value, 1);
        if (!number) return tl::unexpected(number.error());
        (name == "request-problem-information" ? connect.request_problem_information
                                               : connect.request_response_information) =
            static_cast<std::uint8_t>(*number);
      } else if (name == "receive-maximum" || name == "topic-alias-maximum") {
        auto number = parse_number(name, value, 65535);
        if (!number || (name == "receive-maximum" && *number == 0))
          return tl::unexpected(fmt::format("{} '{}' must be {} to 65535", name, value,
                                            name == "receive-maximum" ? 1 : 0));
        (name == "receive-maximum" ? connect.receive_maximum : connect.topic_alias_maximum) =
            static_cast<std::uint16_t>(*number);
      } else if (name == "maximum-packet-size") {
        auto number = parse_number(name, value, 268435460);
        if (!number || *number == 0)
          return tl::unexpected(fmt::format("maximum-packet-size '{}' must be 1 to 268435460", value));
        connect.maximum_packet_size = *number;
      } else if (name == "session-expiry-interval") {
        auto number = parse_number(name, value, 0xFFFFFFFFu);
        if (!number) return tl::unexpected(number.error());
        connect.session_expiry_interval = *number;
      }
      return {};
    }
    case PropertyPacket::unsubscribe: return {};  // user-property only, handled above
    case PropertyPacket::auth:
      return tl::unexpected(std::string("auth properties need the AUTH exchange, which Paho 1.3.12 does not support "
                                        "(use -D connect authentication-method/-data)"));
  }
  return {};
}

}  // namespace mq
