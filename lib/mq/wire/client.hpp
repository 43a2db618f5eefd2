#pragma once
// An MQTT client that speaks to the socket itself, used by mqpub and mqbench for plain TCP (and --unix,
// --proxy, -A, which the socket layer provides underneath): publishing, and subscribing for mqbench. Why not Paho here: Paho 1.3.12 spends 26,000 to
// 28,000 instructions per QoS 0 message (its command queue, heap tracking and two thread hand-offs) and
// starts two threads per process; mosquitto_pub spends about 2,000. This client encodes each PUBLISH into
// one buffer and writes a burst with one send(2), so `-l` runs at the broker's ceiling and a one-shot
// publish does no more work than the protocol needs. TLS, websockets, persistent sessions and -d stay
// with Paho (supports() says which).
//
// Threads: the caller's thread connects, publishes, subscribes and flushes; one receive thread reads
// acknowledgements and messages, answers PINGs, PUBRECs and incoming QoS 1/2 messages, notices a lost
// connection and, when asked, reconnects with backoff (subscriptions are the caller's to renew: on_connected).
// Handlers run on the receive thread, or on the caller's thread for the QoS 0 writes it made itself.
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "mq/core/connection_options.hpp"
#include "mq/core/publish_client.hpp"
#include "mq/core/subscribe_client.hpp"
#include "mq/wire/codec.hpp"

namespace mq::wire {

class Client final : public SubscribeClient {
 public:
  // Whether this client can serve `connection` (else use Paho's).
  static bool supports(const ResolvedConnection& connection);

  Client(const ResolvedConnection& connection, const ClientSettings& settings);
  ~Client() override;
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  void on_delivery(DeliveryHandler handler) override;
  void on_connected(ConnectionHandler handler) override;
  void on_connection_lost(LostHandler handler) override;
  void on_message(MessageHandler handler) override;  // before connect(); never replaced afterwards

  ConnectResult connect() override;
  int publish(const std::string& topic, std::string_view payload, int qos, bool retain,
              const MessageProperties* properties) override;
  void flush() override;
  bool batches_writes() const override { return true; }
  void disconnect(Duration timeout, int reason_code = 0) override;
  bool is_connected() const override;

  using SubscribeClient::subscribe;
  std::vector<int> subscribe(const std::vector<Subscription>& subscriptions,
                             std::optional<std::uint32_t> subscription_identifier,
                             const std::vector<std::pair<std::string, std::string>>& user_properties) override;

 private:
  struct Handlers {
    DeliveryHandler delivery;
    ConnectionHandler connected;
    LostHandler lost;
  };
  // What a lost connection leaves to report once the lock is released.
  struct Loss {
    std::string cause;
    std::vector<int> tokens;  // QoS 1/2 messages that were not acknowledged
    int qos0_unwritten = 0;
  };

  // Opens the socket, sends CONNECT and reads CONNACK within the connect timeout; returns the socket.
  // Throws mq::Error worded like Paho's failures (same statuses, same diagnosis).
  int open_and_handshake(ConnectResult& result);
  void receive_loop();
  // Reads and handles packets until the connection ends; returns why it ended.
  std::string serve_connection(int fd);
  std::optional<std::string> handle_packet(const Packet& packet);  // a reason when the connection must end
  Loss take_loss(std::string cause);  // mutex_ held
  void report_loss(Loss&& loss);
  bool wait_before_reconnect(Duration delay);  // false when stopping
  void wake_connecting();  // ends a connect or CONNACK wait in progress, and every later one
  // Writes out_ (`lock` holds mutex_; released during the send). Returns the QoS 0 messages written, or -1
  // when the write failed (the receive thread then reports the loss).
  int write_out(std::unique_lock<std::mutex>& lock);
  void report_written(int qos0_written);  // mutex_ not held
  void deliver(const Delivery& delivery);
  Handlers handlers_copy();
  int token_of(std::uint16_t packet_id) const;  // mutex_ held; 0 when the id is free
  std::uint16_t take_packet_id(int token);      // mutex_ held; a free id now owned by `token`
  // An incoming PUBLISH: acknowledged (with this read's other answers) and handed to the message handler.
  std::optional<std::string> receive_message(const Packet& packet);

  static constexpr int subscribe_token = -1;  // token_by_id_ entry of an id a SUBSCRIBE is waiting on

  const ResolvedConnection connection_;
  const ClientSettings settings_;

  mutable std::mutex mutex_;
  std::condition_variable stop_signal_;
  Handlers handlers_;
  int fd_ = -1;
  bool connected_ = false;
  bool stopping_ = false;     // disconnect() or the destructor: no more reconnects
  const int stop_fd_;         // an eventfd, signalled with stopping_: socket waits poll it beside the socket
  bool write_failed_ = false; // a send failed: the receive thread reports the loss
  std::string write_error_;
  bool receiver_done_ = false;
  PacketReader reader_;       // the receive thread's (and the handshake's, before that thread runs)
  std::string out_;           // encoded packets not yet written
  std::string sending_;       // what the one writer is sending now (its capacity is reused)
  bool writing_ = false;
  int qos0_in_out_ = 0;       // QoS 0 messages in out_
  std::vector<int> token_by_id_;          // packet id -> token; 0 = free
  int in_flight_ = 0;
  std::uint16_t next_id_ = 1;
  int next_token_ = 1;
  std::int64_t last_write_ns_ = 0;
  int keepalive_seconds_ = 0;  // ours, or the broker's Server Keep Alive (MQTT 5)
  // Read by the receive thread without the lock: set before connect() and never again (on_message()).
  MessageHandler message_handler_;
  std::uint64_t connection_number_ = 0;         // counts connects: a SUBSCRIBE waits on the one it went out on
  std::vector<std::pair<std::uint16_t, std::vector<int>>> subacks_;  // answered SUBSCRIBEs not yet collected
  // The receive thread's: QoS 2 messages handed over and not yet released (a resent PUBLISH with such an id
  // is not delivered twice), and the broker's topic aliases (when -D connect topic-alias-maximum allows them).
  std::vector<bool> awaiting_release_;
  std::vector<std::string> topic_aliases_;
  std::thread receiver_;
};

}  // namespace mq::wire
