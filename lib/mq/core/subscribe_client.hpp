#pragma once
// What a subscriber needs from one MQTT connection beyond publishing, whichever code speaks the protocol:
// Paho's MQTTAsync (every transport) or mq::wire's client (plain TCP). mqbench's subscribers use this, so
// a plain-TCP run does not spend Paho's per-message cost on the receiving side either.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "mq/core/publish_client.hpp"
#include "mq/core/received_message.hpp"

namespace mq {

struct Subscription {
  std::string filter;
  int qos = 0;
  bool no_local = false;
  bool retain_as_published = false;
  int retain_handling = 0;
};

class SubscribeClient : public PublishClient {
 public:
  using MessageHandler = std::function<void(ReceivedMessage&&)>;

  // Set before connect(); runs on the client's receive thread and must not block.
  virtual void on_message(MessageHandler handler) = 0;

  // Blocks until SUBACK; returns the granted QoS or reason code per filter. Throws mq::Error when the
  // connection is gone or no SUBACK came in time.
  virtual std::vector<int> subscribe(const std::vector<Subscription>& subscriptions,
                                     std::optional<std::uint32_t> subscription_identifier,
                                     const std::vector<std::pair<std::string, std::string>>& user_properties) = 0;
  std::vector<int> subscribe(const std::vector<Subscription>& subscriptions) {
    return subscribe(subscriptions, std::nullopt, {});
  }
};

}  // namespace mq
