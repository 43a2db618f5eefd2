#pragma once
// One MQTT connection over Paho's MQTTAsync, with Paho's sharp edges filed off (see
// /work/shared/docs/paho-notes.md): persistence off, explicit protocol version, host-name checks on,
// return codes turned into mq::Error with a documented exit status. Blocking calls (connect, subscribe,
// disconnect) are made from the tool's own thread; message and delivery handlers run on Paho's threads
// and must not block.
#include <MQTTAsync.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mq/core/connection_options.hpp"
#include "mq/output/message.hpp"
#include "mq/paho/properties.hpp"

namespace mq::paho {

// Once per process, before the first client: proxies from the environment off (Paho 1.3.12 applies them
// to plain TCP), Paho's trace routed to stderr (never stdout), trace level down for speed.
void prepare_process(bool debug);

// "mqpub 0.1.0\nPaho MQTT C ...\nOpenSSL ..."
std::string version_text(std::string_view tool);

struct ConnectResult {
  bool session_present = false;
  int receive_maximum = 65535;  // v5 server limit on our in-flight QoS>0 messages
  int maximum_qos = 2;
  bool retain_available = true;
  std::optional<std::uint32_t> maximum_packet_size;
  int topic_alias_maximum = 0;
  std::optional<std::string> assigned_client_id;
};

struct Delivery {
  int token = 0;         // as returned by publish()
  bool ok = false;
  int reason_code = 0;   // MQTT 5 PUBACK/PUBREC reason code when the broker answered
  int paho_code = 0;     // Paho return code when the library failed the send
  std::string reason;    // words for a failure
};

struct Subscription {
  std::string filter;
  int qos = 0;
  bool no_local = false;
  bool retain_as_published = false;
  int retain_handling = 0;
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

class Client {
 public:
  using MessageHandler = std::function<void(output::Message&&)>;
  using DeliveryHandler = std::function<void(const Delivery&)>;
  using ConnectionHandler = std::function<void(bool reconnected)>;
  using LostHandler = std::function<void(const std::string& cause)>;

  Client(const ResolvedConnection& connection, const ClientSettings& settings);
  // Many clients over one connection description (mqbench holds thousands): only who each one is differs,
  // so the 1.6 KB description is shared instead of copied per client.
  Client(std::shared_ptr<const ResolvedConnection> shared_connection, ClientIdentity identity,
         const ClientSettings& settings);
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // Handlers must be set before connect().
  void on_message(MessageHandler handler);
  void on_delivery(DeliveryHandler handler);
  void on_connected(ConnectionHandler handler);  // every (re)connect, on a Paho thread
  void on_connection_lost(LostHandler handler);

  // Blocks until CONNACK; throws mq::Error (CONNACK code, unreachable, TLS) on failure.
  ConnectResult connect();

  // Queues one publish; the delivery handler reports the outcome with the returned token. Throws mq::Error
  // when Paho refuses to queue it (disconnected, buffer full, bad UTF-8).
  int publish(const std::string& topic, std::string_view payload, int qos, bool retain,
              const output::MessageProperties* properties = nullptr);

  // Blocks until SUBACK; returns the granted QoS or reason code per filter. Throws on failure.
  std::vector<int> subscribe(const std::vector<Subscription>& subscriptions,
                             std::optional<std::uint32_t> subscription_identifier = std::nullopt,
                             const std::vector<std::pair<std::string, std::string>>& user_properties = {});
  void unsubscribe(const std::vector<std::string>& filters);

  // Sends DISCONNECT after in-flight messages completed or `timeout` passed. Safe to call twice.
  void disconnect(Duration timeout, int reason_code = 0);

  bool is_connected() const;
  // The shared description: its client_id and username are the base ones, this client's are in identity().
  const ResolvedConnection& connection() const { return *connection_; }
  const ClientIdentity& identity() const { return identity_; }
  std::string endpoint() const;  // "host:port" or the unix socket path, for messages

  struct State;  // shared with Paho's callbacks

 private:
  std::shared_ptr<const ResolvedConnection> connection_;
  ClientIdentity identity_;
  ClientSettings settings_;
  MQTTAsync handle_ = nullptr;
  std::shared_ptr<State> state_;
  // A line-mode run publishes every message with the same -D properties: they are converted to Paho's list
  // once, and again only when they change (mqpub --rr changes the correlation data per request). Made on
  // first use: most clients (mqbench's thousands) never publish with properties.
  struct PublishPropertiesCache {
    std::mutex mutex;
    output::MessageProperties source;
    std::shared_ptr<PahoProperties> converted;
  };
  std::once_flag publish_properties_once_;
  std::unique_ptr<PublishPropertiesCache> publish_properties_;
};

// Paho return code in words ("-3" -> "not connected").
std::string paho_code_text(int code);

}  // namespace mq::paho
