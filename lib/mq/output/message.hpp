#pragma once
// A received message as the output layer sees it: owned copies, independent of Paho.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "mq/core/message_properties.hpp"

namespace mq::output {

// Shared with the publishing side, so it lives in core.
using MessageProperties = mq::MessageProperties;

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
