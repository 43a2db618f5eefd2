#include "mq/wire/client.hpp"

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <limits>
#include <fmt/format.h>

#include "mq/core/error.hpp"
#include "mq/core/exit_status.hpp"
#include "mq/core/reason_codes.hpp"
#include "mq/net/socket_hooks.hpp"
#include "mq/net/connect_failure.hpp"
#include "mq/net/socket_failure.hpp"

namespace mq::wire {
namespace {

// A burst of small messages is written once it reaches this size (or when the caller is about to wait).
constexpr std::size_t write_batch_bytes = 64 * 1024;
constexpr std::size_t read_block_bytes = 64 * 1024;
constexpr int packet_ids = 65536;

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// Sends all of `data`; returns 0 or the errno that stopped it. MSG_NOSIGNAL: no Paho client has set SIGPIPE
// to ignored in this process, and a broker that closed must give an error, not kill the tool.
int send_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t sent = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (sent < 0) {
      if (errno == EINTR) continue;
      return errno == EAGAIN ? ETIMEDOUT : errno;
    }
    data.remove_prefix(static_cast<std::size_t>(sent));
  }
  return 0;
}

int milliseconds_until(std::int64_t deadline_ns) {
  const std::int64_t left = deadline_ns - now_ns();
  if (left <= 0) return 0;
  return static_cast<int>(std::min<std::int64_t>((left + 999'999) / 1'000'000, 60'000));
}

// Waits for `events` on fd until the deadline or until stop_fd (an eventfd, -1 for none) is signalled:
// > 0 ready, 0 deadline passed, -1 stopped (errno ECANCELED) or failed.
int wait_for_socket(int fd, short events, std::int64_t deadline_ns, int stop_fd) {
  while (true) {
    pollfd waiting[2] = {{fd, events, 0}, {stop_fd, POLLIN, 0}};
    const int ready = ::poll(waiting, 2, milliseconds_until(deadline_ns));
    if (ready < 0 && errno == EINTR) continue;
    if (ready > 0 && waiting[1].revents != 0) {
      errno = ECANCELED;
      return -1;
    }
    return ready;
  }
}

// Connects one address within the deadline; returns the socket or -1 (errno set; ECANCELED when stopped).
int connect_address(const addrinfo& address, std::int64_t deadline_ns, int stop_fd) {
  const int fd = ::socket(address.ai_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, address.ai_protocol);
  if (fd < 0) return -1;
  int error = 0;
  if (::connect(fd, address.ai_addr, address.ai_addrlen) != 0) {
    error = errno;
    if (error == EINPROGRESS) {
      const int ready = wait_for_socket(fd, POLLOUT, deadline_ns, stop_fd);
      if (ready < 0) {
        error = errno == ECANCELED ? ECANCELED : ETIMEDOUT;
      } else if (ready == 0) {
        error = ETIMEDOUT;
      } else {
        socklen_t length = sizeof(error);
        ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length);
      }
    }
  }
  if (error != 0) {
    ::close(fd);
    errno = error;
    return -1;
  }
  // Blocking from here: a full socket holds the publisher back. TCP_NODELAY only with --nodelay, as
  // mosquitto does (the socket layer sets it); bursts are batched into one send anyway.
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  return fd;
}

}  // namespace

bool Client::supports(const ResolvedConnection& connection) {
  // Paho keeps what this client does not do: TLS and websockets, resuming a persistent session (resending
  // with DUP), and -d's packet trace.
  return connection.transport == Transport::tcp && connection.clean_session && !connection.debug;
}

Client::Client(const ResolvedConnection& connection, const ClientSettings& settings)
    : connection_(connection),
      settings_(settings),
      stop_fd_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {}  // -1 if none: poll() skips it, stopping waits

void Client::wake_connecting() {
  if (stop_fd_ < 0) return;
  const std::uint64_t one = 1;
  // Never read back: once stopping, every later wait for a socket ends at once.
  [[maybe_unused]] const ssize_t written = ::write(stop_fd_, &one, sizeof(one));
}

Client::~Client() {
  try {
    if (is_connected()) disconnect(std::chrono::seconds(1));
  } catch (...) {
  }
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    handlers_ = {};
    if (fd_ >= 0) ::shutdown(fd_, SHUT_RDWR);
  }
  wake_connecting();
  stop_signal_.notify_all();
  if (receiver_.joinable()) receiver_.join();
  if (fd_ >= 0) ::close(fd_);
  if (stop_fd_ >= 0) ::close(stop_fd_);
}

void Client::on_delivery(DeliveryHandler handler) {
  std::lock_guard lock(mutex_);
  handlers_.delivery = std::move(handler);
}
void Client::on_connected(ConnectionHandler handler) {
  std::lock_guard lock(mutex_);
  handlers_.connected = std::move(handler);
}
void Client::on_connection_lost(LostHandler handler) {
  std::lock_guard lock(mutex_);
  handlers_.lost = std::move(handler);
}
void Client::on_message(MessageHandler handler) { message_handler_ = std::move(handler); }

Client::Handlers Client::handlers_copy() {
  std::lock_guard lock(mutex_);
  return handlers_;
}

void Client::deliver(const Delivery& delivery) {
  DeliveryHandler handler;
  {
    std::lock_guard lock(mutex_);
    handler = handlers_.delivery;
  }
  if (handler) handler(delivery);
}

bool Client::is_connected() const {
  std::lock_guard lock(mutex_);
  return connected_ && !write_failed_;
}

int Client::open_and_handshake(ConnectResult& result) {
  const std::string what = fmt::format("connecting to {}", net::endpoint_text(connection_));
  net::SocketPlan plan = net::socket_plan_for(connection_);
  plan.fast_connect = true;  // plain TCP only (supports())
  const std::string host = net::install_socket_plan(plan);
  const std::int64_t deadline = now_ns() + std::chrono::duration_cast<std::chrono::nanoseconds>(
                                               connection_.connect_timeout).count();

  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const std::string port = std::to_string(connection_.port);
  int fd = -1;
  bool stopped = false;
  if (::getaddrinfo(host.c_str(), port.c_str(), &hints, &found) == 0) {
    for (const addrinfo* address = found; address != nullptr && fd < 0 && !stopped; address = address->ai_next) {
      fd = connect_address(*address, deadline, stop_fd_);
      stopped = fd < 0 && errno == ECANCELED;
    }
    ::freeaddrinfo(found);
  }
  if (stopped) throw Error(exit_status::interrupted, what, "stopped while connecting");
  if (fd < 0) throw net::diagnose_plain_connect_failure(connection_, -1);

  // A broker that stops reading must not hold the tool for ever: a send that cannot progress for this long
  // counts as a lost connection.
  const auto stall = std::max<Duration>(connection_.connect_timeout, std::chrono::seconds(connection_.keepalive_seconds));
  timeval send_timeout{};
  send_timeout.tv_sec = static_cast<time_t>(std::chrono::duration_cast<std::chrono::seconds>(stall).count());
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &send_timeout, sizeof(send_timeout));

  std::string hello;
  append_connect(hello, connection_, connection_.client_id, connection_.username);
  if (send_all(fd, hello) != 0) {
    ::close(fd);
    throw net::diagnose_plain_connect_failure(connection_, -1);
  }
  reader_ = PacketReader();
  while (true) {
    const int ready = wait_for_socket(fd, POLLIN, deadline, stop_fd_);
    if (ready < 0 && errno == ECANCELED) {
      ::close(fd);
      throw Error(exit_status::interrupted, what, "stopped while waiting for the CONNACK");
    }
    if (ready <= 0) {
      ::close(fd);
      throw Error(exit_status::unreachable, what,
                  fmt::format("no answer within {}", format_duration(connection_.connect_timeout)),
                  "is the broker running and reachable? see --connect-timeout");
    }
    const ssize_t count = ::read(fd, reader_.space(read_block_bytes), read_block_bytes);
    if (count < 0 && errno == EINTR) continue;
    if (count <= 0) {
      ::close(fd);
      throw net::diagnose_plain_connect_failure(connection_, -1);
    }
    reader_.commit(static_cast<std::size_t>(count));
    auto packet = reader_.next();
    if (packet && !*packet) continue;
    const auto invalid = [&](const std::string& why) {
      ::close(fd);
      return Error(exit_status::unreachable, what, fmt::format("the broker sent an invalid CONNACK ({})", why),
                   "is this an MQTT broker? check -h/-p and -V");
    };
    if (!packet) throw invalid(packet.error());
    if ((*packet)->type != PacketType::connack) throw invalid("another packet came first");
    auto connack = parse_connack((*packet)->body, connection_.version);
    if (!connack) throw invalid(connack.error());
    if (connack->reason_code != 0) {
      ::close(fd);
      throw net::diagnose_plain_connect_failure(connection_, connack->reason_code);
    }
    result = connack->result;
    result.session_present = connack->session_present;
    return fd;
  }
}

ConnectResult Client::connect() {
  ConnectResult result;
  const int fd = open_and_handshake(result);
  {
    std::lock_guard lock(mutex_);
    fd_ = fd;
    connected_ = true;
    ++connection_number_;
    write_failed_ = false;
    last_write_ns_ = now_ns();
    keepalive_seconds_ = result.server_keepalive_seconds.value_or(connection_.keepalive_seconds);
  }
  receiver_ = std::thread([this] { receive_loop(); });
  if (auto handler = handlers_copy().connected) handler(false);
  return result;
}

int Client::token_of(std::uint16_t packet_id) const {
  return packet_id < token_by_id_.size() ? token_by_id_[packet_id] : 0;
}

std::uint16_t Client::take_packet_id(int token) {
  while (token_of(next_id_) != 0) next_id_ = next_id_ == packet_ids - 1 ? 1 : next_id_ + 1;
  const std::uint16_t id = next_id_;
  // Grown as ids are first used: a one-shot publish touches one small page, not a 256 KiB table.
  if (id >= token_by_id_.size())
    token_by_id_.resize(std::min<std::size_t>(packet_ids, std::max<std::size_t>(64, 2 * (id + 1))), 0);
  next_id_ = next_id_ == packet_ids - 1 ? 1 : next_id_ + 1;
  token_by_id_[id] = token;
  ++in_flight_;
  return id;
}

int Client::write_out(std::unique_lock<std::mutex>& lock) {
  int written = 0;
  // One writer at a time, without our lock during the send: the receive thread keeps taking acknowledgements
  // while a big write blocks. Bytes appended meanwhile are sent by the writer's next round.
  while (!out_.empty() && !writing_) {
    if (fd_ < 0 || write_failed_) return -1;
    writing_ = true;
    sending_.swap(out_);
    const int qos0_carried = std::exchange(qos0_in_out_, 0);
    const int fd = fd_;
    lock.unlock();
    const int error = send_all(fd, sending_);
    if (sending_.capacity() > 4 * write_batch_bytes) {
      std::string().swap(sending_);  // a one-off big message: give its memory back
    } else {
      sending_.clear();
    }
    lock.lock();
    writing_ = false;
    stop_signal_.notify_all();  // the receive thread may wait for the writer before closing the socket
    if (error != 0) {
      // The receive thread reports the loss (and reconnects): wake it.
      write_failed_ = true;
      write_error_ = net::error_words(error);
      ::shutdown(fd, SHUT_RDWR);
      qos0_in_out_ += qos0_carried;  // counted as lost with the connection
      return -1;
    }
    last_write_ns_ = now_ns();
    written += qos0_carried;
  }
  return written;
}

void Client::report_written(int qos0_written) {
  if (qos0_written <= 0) return;
  Delivery delivery;
  delivery.ok = true;
  delivery.count = qos0_written;
  deliver(delivery);
}

int Client::publish(const std::string& topic, std::string_view payload, int qos, bool retain,
                    const MessageProperties* properties) {
  int token = 0;
  int written = 0;
  {
    std::unique_lock lock(mutex_);
    if (!connected_ || write_failed_)
      throw Error(exit_status::connection_lost, fmt::format("publishing to '{}'", topic), "not connected");
    std::uint16_t id = 0;
    if (qos > 0) {
      if (in_flight_ >= packet_ids - 1)
        throw Error(exit_status::publish_rejected, fmt::format("publishing to '{}'", topic), "no more message ids");
      token = next_token_;
      next_token_ = next_token_ == std::numeric_limits<int>::max() ? 1 : next_token_ + 1;
      id = take_packet_id(token);
    } else {
      ++qos0_in_out_;
    }
    append_publish(out_, connection_.version, topic, payload, qos, retain, false, id, properties);
    if (out_.size() >= write_batch_bytes) written = write_out(lock);
  }
  report_written(written);
  return token;
}

void Client::flush() {
  int written = 0;
  {
    std::unique_lock lock(mutex_);
    written = write_out(lock);
  }
  report_written(written);
}

std::vector<int> Client::subscribe(const std::vector<Subscription>& subscriptions,
                                   std::optional<std::uint32_t> subscription_identifier,
                                   const std::vector<std::pair<std::string, std::string>>& user_properties) {
  const std::string what =
      subscriptions.size() == 1 ? fmt::format("subscribing to '{}'", subscriptions.front().filter) : "subscribing";
  std::vector<int> granted;
  int written = 0;
  {
    std::unique_lock lock(mutex_);
    if (!connected_ || write_failed_) throw Error(exit_status::connection_lost, what, "not connected");
    if (in_flight_ >= packet_ids - 1) throw Error(exit_status::subscribe_rejected, what, "no more message ids");
    const std::uint16_t id = take_packet_id(subscribe_token);
    const std::uint64_t connection = connection_number_;
    append_subscribe(out_, connection_.version, id, subscriptions, subscription_identifier, user_properties);
    written = write_out(lock);
    const auto answer = [&] {
      return std::find_if(subacks_.begin(), subacks_.end(), [id](const auto& entry) { return entry.first == id; });
    };
    // Paho's subscribe waits as long (connect timeout plus five seconds).
    const bool settled = stop_signal_.wait_for(lock, connection_.connect_timeout + std::chrono::seconds(5), [&] {
      return answer() != subacks_.end() || connection_number_ != connection || !connected_ || write_failed_;
    });
    if (const auto found = answer(); found != subacks_.end()) {
      granted = std::move(found->second);
      subacks_.erase(found);
    } else if (settled) {
      throw Error(exit_status::connection_lost, what, "the broker closed the connection before the SUBACK");
    } else {
      if (token_of(id) == subscribe_token) {
        token_by_id_[id] = 0;
        --in_flight_;
      }
      throw Error(exit_status::subscribe_rejected, what, "no SUBACK from the broker");
    }
  }
  if (written > 0) report_written(written);
  if (granted.size() < subscriptions.size())
    granted.resize(subscriptions.size(), granted.empty() ? 0x80 : granted.back());
  return granted;
}

void Client::disconnect(Duration timeout, int reason_code) {
  int written = 0;
  {
    std::unique_lock lock(mutex_);
    stopping_ = true;
    if (connected_ && !write_failed_ && fd_ >= 0) {
      append_disconnect(out_, connection_.version, reason_code, connection_.properties.disconnect);
      // All of it must be on the wire before our side closes, also what another writer is sending now.
      while ((writing_ || !out_.empty()) && !write_failed_) {
        if (writing_) {
          stop_signal_.wait(lock);
          continue;
        }
        const int count = write_out(lock);
        if (count > 0) written += count;
      }
      // The broker closes its side on DISCONNECT; the receive thread sees that and ends.
      if (fd_ >= 0) ::shutdown(fd_, SHUT_WR);
    }
    connected_ = false;
  }
  wake_connecting();  // a reconnect in progress (to a host that does not answer) ends now
  stop_signal_.notify_all();
  report_written(written);
  {
    std::unique_lock lock(mutex_);
    if (!stop_signal_.wait_for(lock, timeout, [&] { return receiver_done_ || !receiver_.joinable(); }) &&
        fd_ >= 0)
      ::shutdown(fd_, SHUT_RDWR);
  }
  if (receiver_.joinable()) receiver_.join();
}

Client::Loss Client::take_loss(std::string cause) {
  Loss loss;
  loss.cause = std::move(cause);
  if (in_flight_ > 0) {
    for (int& token : token_by_id_) {
      if (token == 0) continue;
      if (token != subscribe_token) loss.tokens.push_back(token);  // a waiting subscribe() sees the loss itself
      token = 0;
    }
    in_flight_ = 0;
  }
  // Oldest first, so whoever sends them again keeps the order.
  std::sort(loss.tokens.begin(), loss.tokens.end());
  loss.qos0_unwritten = std::exchange(qos0_in_out_, 0);
  out_.clear();
  return loss;
}

void Client::report_loss(Loss&& loss) {
  if (auto handler = handlers_copy().lost) handler(loss.cause);
  for (const int token : loss.tokens) {
    Delivery delivery;
    delivery.token = token;
    delivery.lost_with_connection = true;
    delivery.reason = "connection lost before the operation completed";
    deliver(delivery);
  }
  if (loss.qos0_unwritten > 0) {
    Delivery delivery;
    delivery.lost_with_connection = true;
    delivery.count = loss.qos0_unwritten;
    delivery.reason = "connection lost before the message was written";
    deliver(delivery);
  }
}

bool Client::wait_before_reconnect(Duration delay) {
  std::unique_lock lock(mutex_);
  return !stop_signal_.wait_for(lock, delay, [&] { return stopping_; });
}

void Client::receive_loop() {
  int fd = 0;
  {
    std::lock_guard lock(mutex_);
    fd = fd_;
  }
  while (true) {
    std::string cause = serve_connection(fd);
    Loss loss;
    {
      std::unique_lock lock(mutex_);
      if (write_failed_) cause = fmt::format("writing to the broker failed: {}", write_error_);
      // A writer may still be in send() on this socket: unblock it and wait, so the number is not reused under it.
      ::shutdown(fd_, SHUT_RDWR);
      stop_signal_.wait(lock, [&] { return !writing_; });
      ::close(fd_);
      fd_ = -1;
      connected_ = false;
      stop_signal_.notify_all();  // a subscribe() waiting for its SUBACK
      if (stopping_) break;
      loss = take_loss(std::move(cause));
    }
    report_loss(std::move(loss));
    if (!settings_.reconnect) break;
    Duration delay = settings_.reconnect_min;
    bool reconnected = false;
    while (!reconnected) {
      if (!wait_before_reconnect(delay)) break;
      try {
        ConnectResult result;
        const int fresh = open_and_handshake(result);
        std::lock_guard lock(mutex_);
        if (stopping_) {
          ::close(fresh);
          break;
        }
        fd = fd_ = fresh;
        connected_ = true;
        ++connection_number_;
        write_failed_ = false;
        last_write_ns_ = now_ns();
        keepalive_seconds_ = result.server_keepalive_seconds.value_or(connection_.keepalive_seconds);
        reconnected = true;
      } catch (const Error&) {
        delay = std::min<Duration>(delay * 2, settings_.reconnect_max);
      }
    }
    if (!reconnected) break;
    if (auto handler = handlers_copy().connected) handler(true);
  }
  {
    std::lock_guard lock(mutex_);
    receiver_done_ = true;
  }
  stop_signal_.notify_all();
}

std::string Client::serve_connection(int fd) {
  std::int64_t keepalive_ns = 0;
  {
    std::lock_guard lock(mutex_);
    keepalive_ns = std::int64_t{keepalive_seconds_} * 1'000'000'000;
  }
  bool ping_outstanding = false;
  std::int64_t ping_sent_ns = 0;
  // A new connection of a clean session: nothing of the last one's message state carries over.
  awaiting_release_.clear();
  topic_aliases_.clear();
  bool quick_ack = true;
  bool acks_awaited = true;  // as of the last look: whether we wait for PUBACKs/PUBRECs/PUBCOMPs
  const int on = 1;
  while (true) {
    // Keepalive is about what we send, so it is checked on every round: a subscriber that only receives must
    // ping in time even while messages keep arriving.
    int timeout_ms = -1;
    if (keepalive_ns > 0) {
      const std::int64_t now = now_ns();
      if (ping_outstanding && now >= ping_sent_ns + keepalive_ns)
        return "the broker did not answer a keepalive PINGREQ";
      int written = 0;
      {
        std::unique_lock lock(mutex_);
        if (!ping_outstanding && now >= last_write_ns_ + keepalive_ns) {
          append_pingreq(out_);
          written = write_out(lock);
          if (written < 0) return "writing to the broker failed";
          ping_outstanding = true;
          ping_sent_ns = now;
        }
        timeout_ms = milliseconds_until(ping_outstanding ? ping_sent_ns + keepalive_ns : last_write_ns_ + keepalive_ns);
      }
      report_written(written);
    }
    // Read what is there and wait only when nothing is: one system call per burst of messages, not two.
    const ssize_t count = ::recv(fd, reader_.space(read_block_bytes), read_block_bytes, MSG_DONTWAIT);
    if (count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      pollfd waiting{fd, POLLIN, 0};
      if (::poll(&waiting, 1, timeout_ms) < 0 && errno != EINTR)
        return fmt::format("waiting for the broker failed: {}", net::error_words(errno));
      continue;
    }
    if (count < 0) {
      if (errno == EINTR) continue;
      return fmt::format("reading from the broker failed: {}", net::error_words(errno));
    }
    if (count == 0) return "the broker closed the connection";
    reader_.commit(static_cast<std::size_t>(count));
    // mosquitto writes each PUBACK on its own and leaves Nagle on: after the first of a burst the rest wait
    // for our ACK, which Linux delays by up to 40 ms when we have nothing to send. Asking for an immediate
    // ACK (not a lasting setting, hence after every read) keeps a QoS 1/2 window flowing. TCP only. Not
    // while we only receive: an ACK per read would add packets for the broker, and our PUBACKs carry it.
    if (quick_ack && acks_awaited && ::setsockopt(fd, IPPROTO_TCP, TCP_QUICKACK, &on, sizeof(on)) != 0)
      quick_ack = false;
    while (true) {
      auto packet = reader_.next();
      if (!packet) return fmt::format("the broker sent a malformed packet: {}", packet.error());
      if (!*packet) break;
      if ((*packet)->type == PacketType::pingresp) {
        ping_outstanding = false;
        continue;
      }
      if (auto ended = handle_packet(**packet)) return *ended;
    }
    // The answers this read called for (PUBREL, PUBACK...) go out together.
    int written = 0;
    {
      std::unique_lock lock(mutex_);
      written = write_out(lock);
      acks_awaited = in_flight_ > 0;
    }
    report_written(written);
  }
}

std::optional<std::string> Client::handle_packet(const Packet& packet) {
  const ProtocolVersion version = connection_.version;
  switch (packet.type) {
    case PacketType::puback:
    case PacketType::pubrec:
    case PacketType::pubcomp: {
      auto ack = parse_ack(packet.body, version);
      if (!ack) return fmt::format("the broker sent a malformed acknowledgement: {}", ack.error());
      const bool refused = ack->reason_code >= 0x80;
      Delivery delivery;
      {
        std::lock_guard lock(mutex_);
        const int token = token_of(ack->packet_id);
        if (token <= 0) return std::nullopt;  // not ours (or already settled): nothing to report
        if (packet.type == PacketType::pubrec && !refused) {
          // QoS 2 first half: release it (sent with the rest of this read's answers); the PUBCOMP completes
          // the delivery.
          append_ack(out_, PacketType::pubrel, ack->packet_id);
        } else {
          token_by_id_[ack->packet_id] = 0;
          --in_flight_;
          delivery.token = token;
          delivery.ok = !refused;
          delivery.reason_code = ack->reason_code;
          if (refused) delivery.reason = reason_code_text(ack->reason_code);
        }
      }
      if (delivery.token != 0) deliver(delivery);
      return std::nullopt;
    }
    case PacketType::publish:
      return receive_message(packet);
    case PacketType::pubrel: {
      auto ack = parse_ack(packet.body, version);
      if (!ack) return fmt::format("the broker sent a malformed PUBREL: {}", ack.error());
      if (ack->packet_id < awaiting_release_.size()) awaiting_release_[ack->packet_id] = false;
      std::lock_guard lock(mutex_);
      append_ack(out_, PacketType::pubcomp, ack->packet_id);
      return std::nullopt;
    }
    case PacketType::suback: {
      auto suback = parse_suback(packet.body, version);
      if (!suback) return fmt::format("the broker sent a malformed SUBACK: {}", suback.error());
      {
        std::lock_guard lock(mutex_);
        if (token_of(suback->packet_id) != subscribe_token) return std::nullopt;  // given up on, or not ours
        token_by_id_[suback->packet_id] = 0;
        --in_flight_;
        subacks_.emplace_back(suback->packet_id, std::move(suback->reason_codes));
      }
      stop_signal_.notify_all();
      return std::nullopt;
    }
    case PacketType::disconnect: {
      auto reason = parse_disconnect(packet.body, version);
      if (!reason) return "the broker disconnected us";
      return fmt::format("the broker disconnected us: {}", reason_code_text(reason->reason_code));
    }
    default:
      return fmt::format("the broker sent an unexpected packet (type {})", static_cast<int>(packet.type));
  }
}

std::optional<std::string> Client::receive_message(const Packet& packet) {
  auto incoming = parse_publish(packet.flags, packet.body, connection_.version);
  if (!incoming) return fmt::format("the broker sent a malformed PUBLISH: {}", incoming.error());
  // A view until the message is handed over: a client without a message handler copies nothing.
  std::string_view topic = incoming->topic;
  if (const auto alias = incoming->properties.topic_alias) {
    if (topic.empty()) {
      if (*alias >= topic_aliases_.size() || topic_aliases_[*alias].empty())
        return fmt::format("the broker sent an unknown topic alias ({})", *alias);
      topic = topic_aliases_[*alias];
    } else {
      if (*alias >= topic_aliases_.size()) topic_aliases_.resize(std::size_t{*alias} + 1);
      topic_aliases_[*alias] = std::string(topic);
    }
  } else if (topic.empty()) {
    return "the broker sent a PUBLISH without a topic";
  }
  bool first_time = true;
  if (incoming->qos == 2) {
    // Exactly once: handed over on the first PUBLISH, and not again for a resend before the PUBREL.
    if (awaiting_release_.empty()) awaiting_release_.assign(packet_ids, false);
    first_time = !awaiting_release_[incoming->packet_id];
    awaiting_release_[incoming->packet_id] = true;
  }
  if (incoming->qos > 0) {
    // Sent with the rest of this read's answers.
    std::lock_guard lock(mutex_);
    append_ack(out_, incoming->qos == 1 ? PacketType::puback : PacketType::pubrec, incoming->packet_id);
  }
  if (!first_time || !message_handler_) return std::nullopt;
  ReceivedMessage message;
  message.topic = topic;
  message.payload = incoming->payload;
  message.qos = incoming->qos;
  message.retained = incoming->retain;
  message.duplicate = incoming->dup;
  message.message_id = incoming->packet_id;
  message.properties = std::move(incoming->properties);
  message.received_at = std::chrono::system_clock::now();
  message_handler_(std::move(message));
  return std::nullopt;
}

}  // namespace mq::wire
