#pragma once
// Publishes messages with a bounded in-flight window and keeps the delivery contract: every QoS 1/2
// message is either acknowledged or counted. In line mode a lost connection is re-established and the
// messages that were in flight are sent again (at least once); at QoS 0 what was lost is counted.
#include <atomic>
#include <condition_variable>
#include <deque>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "mq/core/connection_options.hpp"
#include "mq/core/signals.hpp"
#include <memory>

#include "mq/core/publish_client.hpp"

namespace mq::mqpub {

struct PublisherSettings {
  int qos = 0;
  bool retain = false;
  int max_inflight = 20;
  bool survive_disconnects = false;  // line mode: reconnect and resend instead of failing
  bool verbose = false;
  int retry_connect = 0;             // extra attempts for the first connect; -1 = forever
};

struct PublishSummary {
  long acknowledged = 0;
  long rejected = 0;
  long lost_qos0 = 0;
  long unacknowledged = 0;
  long resent = 0;
  long lost_in_flight = 0;  // QoS 1/2 messages whose connection went away before the acknowledgement
  std::string first_rejection;
  int first_rejection_code = 0;
  bool connection_lost = false;
};

// How the publisher wants its client set up (window, reconnect), for whoever makes the client.
ClientSettings publisher_client_settings(const PublisherSettings& settings);

class Publisher {
 public:
  Publisher(const ResolvedConnection& connection, const PublisherSettings& settings, SignalWatcher& signals,
            std::unique_ptr<PublishClient> client);

  ConnectResult connect();
  // Blocks while the window is full or the connection is down; returns false when stopped.
  bool publish(const std::string& topic, std::string_view payload, const MessageProperties* properties);
  // Sends what the client holds back for batching; call before waiting for input.
  void flush();
  // Waits until everything in flight is acknowledged (resending after reconnects), or until stopped.
  void drain();
  PublishSummary finish();  // disconnects and returns the counts
  bool stopped() const;
  // The broker's Maximum Packet Size (MQTT 5 CONNACK), when it gave one.
  std::optional<std::uint32_t> max_packet_size() const { return max_packet_size_; }

 private:
  struct Pending {
    std::string topic;
    std::string payload;
    const MessageProperties* properties;
    // Times the connection dropped while this was the first message sent on it and not yet acknowledged:
    // a broker that disconnects on one message (too big for it) would otherwise see it resent forever.
    int first_losses = 0;
    bool first_on_connection = false;
  };

  void on_delivery(const Delivery& delivery);
  void apply_delivery(std::map<int, Pending>::iterator entry, const Delivery& delivery);  // mutex_ held
  void requeue_lost(Pending&& lost);  // mutex_ held: QoS 1/2 message lost with its connection
  bool send(const std::string& topic, std::string_view payload, const MessageProperties* properties,
            std::unique_lock<std::mutex>& lock, int first_losses = 0);
  bool resend_next(std::unique_lock<std::mutex>& lock);  // mutex_ held; resend_ not empty
  bool wait_until_sendable(std::unique_lock<std::mutex>& lock);
  int outstanding() const;  // mutex_ held: messages sent or being sent and not yet settled
  int low_watermark() const;  // outstanding messages at which a full window counts as having room again
  void notify_if_room();      // mutex_ held

  PublisherSettings settings_;
  SignalWatcher& signals_;
  bool clean_session_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  int window_;
  std::map<int, Pending> in_flight_;  // by the client's token
  std::deque<Pending> resend_;
  std::map<int, Delivery> early_deliveries_;  // acknowledged before publish() returned the token
  int sending_ = 0;                                  // publishes in progress outside the lock
  int qos0_outstanding_ = 0;                         // QoS 0 messages not yet reported written
  bool connected_ = false;
  bool sent_on_this_connection_ = false;  // a QoS 1/2 message went out since the last (re)connect
  bool stop_ = false;
  std::optional<std::uint32_t> max_packet_size_;
  PublishSummary summary_;
  // After what its callbacks use, so destroyed before it: a client disconnects in its destructor and may still
  // call back until then.
  std::unique_ptr<PublishClient> client_;
  SignalWatcher::Registration signal_registration_;  // last: removed first, before what its handler uses
};

}  // namespace mq::mqpub
