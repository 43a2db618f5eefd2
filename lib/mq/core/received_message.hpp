#pragma once
// A received message: owned copies, independent of the client that received it (Paho's or mq::wire's).
#include <chrono>
#include <string>

#include "mq/core/message_properties.hpp"

namespace mq {

struct ReceivedMessage {
  std::string topic;
  std::string payload;  // binary-safe
  int qos = 0;
  bool retained = false;
  bool duplicate = false;
  int message_id = 0;
  MessageProperties properties;
  std::chrono::system_clock::time_point received_at;
};

}  // namespace mq
