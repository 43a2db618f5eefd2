#pragma once
// mosquitto's -D: "-D COMMAND NAME VALUE" (user-property takes "NAME VALUE" as two words), collected per
// MQTT packet. Validated before connecting: unknown names, a property on the wrong packet, values out of
// range, and any -D under MQTT 3.1.1 are usage errors.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "mq/core/message_properties.hpp"

namespace mq {

enum class PropertyPacket { connect, publish, subscribe, unsubscribe, disconnect, will, auth };

struct ConnectProperties {
  std::optional<std::uint32_t> session_expiry_interval;
  std::optional<std::uint16_t> receive_maximum;
  std::optional<std::uint32_t> maximum_packet_size;
  std::optional<std::uint16_t> topic_alias_maximum;
  std::optional<std::uint8_t> request_response_information;
  std::optional<std::uint8_t> request_problem_information;
  std::optional<std::string> authentication_method;
  std::optional<std::string> authentication_data;
  std::vector<std::pair<std::string, std::string>> user_properties;
};

struct DisconnectProperties {
  std::optional<std::uint32_t> session_expiry_interval;
  std::optional<std::string> reason_string;
  std::vector<std::pair<std::string, std::string>> user_properties;
};

struct SubscribeProperties {
  std::optional<std::uint32_t> subscription_identifier;
  std::vector<std::pair<std::string, std::string>> user_properties;
};

struct PropertySet {
  ConnectProperties connect;
  MessageProperties publish;
  MessageProperties will;
  std::optional<std::uint32_t> will_delay_interval;
  SubscribeProperties subscribe;
  std::vector<std::pair<std::string, std::string>> unsubscribe_user_properties;
  DisconnectProperties disconnect;
  bool any = false;
};

// Applies one -D occurrence (its 3 or 4 words) to `set`. The error names the problem and the fix.
tl::expected<void, std::string> add_property_argument(PropertySet& set, const std::vector<std::string>& words);

// The property names valid for a packet, for help, completions and error messages.
std::vector<std::string_view> property_names(PropertyPacket packet);
std::vector<std::string_view> property_packet_names();

}  // namespace mq
