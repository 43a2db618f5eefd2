#pragma once
// A received message as the output layer sees it: owned copies, independent of Paho.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mq::output {

struct MessageProperties {
  std::optional<std::string> content_type;
  std::optional<std::string> correlation_data;  // binary
  std::optional<std::uint32_t> message_expiry_interval;
  std::optional<std::uint8_t> payload_format_indicator;
  std::optional<std::string> response_topic;
  std::optional<std::uint16_t> topic_alias;
  std::vector<std::uint32_t> subscription_identifiers;
  std::vector<std::pair<std::string, std::string>> user_properties;
};

struct Message {
  std::string topic;
  std::string payload;  // binary-safe
  int qos = 0;
  bool retained = false;
  bool duplicate = false;
  int message_id = 0;
  MessageProperties properties;
  std::chrono::system_clock::time_point received_at;
};

}  // namespace mq::output
