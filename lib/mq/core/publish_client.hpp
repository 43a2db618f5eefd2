#pragma once
// What a publisher needs from one MQTT connection, whichever code speaks the protocol: Paho's MQTTAsync
// (every transport) or mq::wire's own socket client (plain TCP, where Paho's per-message cost and thread
// start-up dominate; see wire/client.hpp). mqpub's Publisher is written against this interface only.
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "mq/core/duration.hpp"
#include "mq/core/message_properties.hpp"

namespace mq {

struct ConnectResult {
  bool session_present = false;
  int receive_maximum = 65535;  // v5 server limit on our in-flight QoS>0 messages
  int maximum_qos = 2;
  bool retain_available = true;
  std::optional<std::uint32_t> maximum_packet_size;
  int topic_alias_maximum = 0;
  std::optional<std::string> assigned_client_id;
  std::optional<int> server_keepalive_seconds;  // MQTT 5: the broker's keepalive, which replaces ours
};

// The outcome of publishes: one message at QoS 1/2 (by token), or `count` QoS 0 messages at once.
struct Delivery {
  int token = 0;                 // as returned by publish(); 0 for QoS 0
  bool ok = false;
  int reason_code = 0;           // MQTT 5 PUBACK/PUBREC reason code when the broker answered
  int paho_code = 0;             // Paho return code when the library failed the send
  bool lost_with_connection = false;  // not a refusal: the connection went away under the message
  int count = 1;                 // QoS 0 messages this outcome covers
  std::string reason;            // words for a failure
};

struct ClientSettings {
  std::string_view tool;              // for messages
  bool reconnect = false;             // automatic reconnect after a lost connection
  Duration reconnect_min = std::chrono::seconds(1);
  Duration reconnect_max = std::chrono::seconds(60);
  int max_inflight = 20;              // Paho's in-flight window (keep <= our own window)
  int max_buffered = 100;             // messages Paho may queue before sending
  bool send_while_disconnected = false;
};

// Who one client is on the broker: what differs between clients that share a connection description.
struct ClientIdentity {
  std::string client_id;
  std::optional<std::string> username;
};

class PublishClient {
 public:
  using DeliveryHandler = std::function<void(const Delivery&)>;
  using ConnectionHandler = std::function<void(bool reconnected)>;
  using LostHandler = std::function<void(const std::string& cause)>;

  virtual ~PublishClient() = default;

  // Handlers must be set before connect(); they run on the client's own threads and must not block.
  virtual void on_delivery(DeliveryHandler handler) = 0;
  virtual void on_connected(ConnectionHandler handler) = 0;  // every (re)connect
  virtual void on_connection_lost(LostHandler handler) = 0;

  // Blocks until CONNACK; throws mq::Error (CONNACK code, unreachable, TLS) on failure.
  virtual ConnectResult connect() = 0;
  // Queues one publish and returns its token (0 at QoS 0); throws mq::Error when it cannot be queued
  // (exit_status::connection_lost when disconnected).
  virtual int publish(const std::string& topic, std::string_view payload, int qos, bool retain,
                      const MessageProperties* properties) = 0;
  // Sends what publish() may have held back to batch writes. Called before the caller waits for anything.
  virtual void flush() = 0;
  // Whether publish() batches: then a caller with a full window does best to wait for room for a burst.
  virtual bool batches_writes() const = 0;
  // Sends DISCONNECT after in-flight messages completed or `timeout` passed. Safe to call twice.
  virtual void disconnect(Duration timeout, int reason_code = 0) = 0;
  virtual bool is_connected() const = 0;
};

}  // namespace mq
