#pragma once
// MQTT 5 properties a PUBLISH can carry, as owned values (binary-safe strings).
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mq {

struct MessageProperties {
  std::optional<std::string> content_type;
  std::optional<std::string> correlation_data;  // binary
  std::optional<std::uint32_t> message_expiry_interval;
  std::optional<std::uint8_t> payload_format_indicator;
  std::optional<std::string> response_topic;
  std::optional<std::uint16_t> topic_alias;
  std::vector<std::uint32_t> subscription_identifiers;
  std::vector<std::pair<std::string, std::string>> user_properties;

  bool empty() const {
    return !content_type && !correlation_data && !message_expiry_interval && !payload_format_indicator &&
           !response_topic && !topic_alias && subscription_identifiers.empty() && user_properties.empty();
  }
  bool operator==(const MessageProperties&) const = default;
};

}  // namespace mq
