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
#include "mq/core/publish_client.hpp"
#include "mq/core/subscribe_client.hpp"
#include "mq/output/message.hpp"
#include "mq/paho/properties.hpp"

namespace mq::paho {

// Once per process, before the first client: proxies from the environment off (Paho 1.3.12 applies them
// to plain TCP), Paho's trace routed to stderr (never stdout), trace level down for speed.
void prepare_process(bool debug);

// "mqpub 0.1.0\nPaho MQTT C ...\nOpenSSL ..."
std::string version_text(std::string_view tool);

// The connection-neutral types live in mq/core/publish_client.hpp; these names keep Paho's users unchanged.
using ConnectResult = mq::ConnectResult;
using Delivery = mq::Delivery;
using ClientSettings = mq::ClientSettings;
using ClientIdentity = mq::ClientIdentity;

using Subscription = mq::Subscription;

class Client final : public SubscribeClient {
 public:
  using SubscribeClient::subscribe;

  Client(const ResolvedConnection& connection, const ClientSettings& settings);
  // Many clients over one connection description (mqbench holds thousands): only who each one is differs,
  // so the 1.6 KB description is shared instead of copied per client.
  Client(std::shared_ptr<const ResolvedConnection> shared_connection, ClientIdentity identity,
         const ClientSettings& settings);
  ~Client() override;
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // Handlers must be set before connect().
  void on_message(MessageHandler handler) override;
  void on_delivery(DeliveryHandler handler) override;
  void on_connected(ConnectionHandler handler) override;  // every (re)connect, on a Paho thread
  void on_connection_lost(LostHandler handler) override;

  // Blocks until CONNACK; throws mq::Error (CONNACK code, unreachable, TLS) on failure.
  ConnectResult connect() override;

  // Queues one publish; the delivery handler reports the outcome with the returned token. Throws mq::Error
  // when Paho refuses to queue it (disconnected, buffer full, bad UTF-8).
  int publish(const std::string& topic, std::string_view payload, int qos, bool retain,
              const output::MessageProperties* properties = nullptr) override;
  void flush() override {}  // Paho's send thread writes as soon as it can
  bool batches_writes() const override { return false; }

  // Blocks until SUBACK; returns the granted QoS or reason code per filter. Throws on failure.
  std::vector<int> subscribe(const std::vector<Subscription>& subscriptions,
                             std::optional<std::uint32_t> subscription_identifier,
                             const std::vector<std::pair<std::string, std::string>>& user_properties) override;
  void unsubscribe(const std::vector<std::string>& filters);

  // Sends DISCONNECT after in-flight messages completed or `timeout` passed. Safe to call twice.
  void disconnect(Duration timeout, int reason_code = 0) override;

  bool is_connected() const override;
  // From another thread (a signal, a -W deadline): the connect, SUBACK or UNSUBACK wait in progress, and any
  // later one, ends at once with mq::Error(exit_status::interrupted).
  void interrupt_waits();
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
