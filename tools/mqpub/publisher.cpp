#include "mqpub/publisher.hpp"

#include <fmt/format.h>

#include <optional>
#include <thread>

#include "mq/core/error.hpp"
#include "mq/core/exit_status.hpp"

namespace mq::mqpub {

ClientSettings publisher_client_settings(const PublisherSettings& settings) {
  ClientSettings client;
  client.tool = "mqpub";
  client.max_inflight = settings.max_inflight;
  // Paho may count a message as buffered a little after reporting it written: leave generous room.
  client.max_buffered = (settings.qos > 0 ? settings.max_inflight : 1000) * 4 + 64;
  client.reconnect = settings.survive_disconnects;
  client.reconnect_min = std::chrono::seconds(1);
  client.reconnect_max = std::chrono::seconds(8);
  return client;
}

namespace {

// A message that was the first one sent after a reconnect this many times, and each time the connection
// dropped before its acknowledgement, is given up: the broker is refusing it by disconnecting.
constexpr int first_losses_before_giving_up = 2;

}  // namespace

Publisher::Publisher(const ResolvedConnection& connection, const PublisherSettings& settings, SignalWatcher& signals,
                     std::unique_ptr<PublishClient> client)
    : settings_(settings),
      signals_(signals),
      clean_session_(connection.clean_session),
      window_(settings.qos > 0 ? settings.max_inflight : 1000),
      client_(std::move(client)) {
  signal_registration_ = signals_.on_signal([this](int) {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    changed_.notify_all();
  });
  client_->on_delivery([this](const Delivery& delivery) { on_delivery(delivery); });
  client_->on_connection_lost([this](const std::string&) {
    {
      std::lock_guard lock(mutex_);
      connected_ = false;
      summary_.connection_lost = true;
      if (!settings_.survive_disconnects) stop_ = true;
    }
    changed_.notify_all();
  });
  client_->on_connected([this](bool) {
    {
      std::lock_guard lock(mutex_);
      connected_ = true;
      sent_on_this_connection_ = false;
      // With a clean session the broker forgot what the old connection left unacknowledged, and Paho 1.3.12
      // does not always report it (a PUBLISH whose write failed as the connection dropped was never called
      // back): whatever is still in flight now belongs to a dead connection and is sent again.
      if (clean_session_) {
        for (auto& [token, pending] : in_flight_) requeue_lost(std::move(pending));
        in_flight_.clear();
        early_deliveries_.clear();
      }
    }
    changed_.notify_all();
  });
}

ConnectResult Publisher::connect() {
  Duration backoff = std::chrono::milliseconds(500);
  for (int attempt = 0;; ++attempt) {
    try {
      auto result = client_->connect();
      std::lock_guard lock(mutex_);
      connected_ = true;
      if (settings_.qos > 0) window_ = std::min(window_, result.receive_maximum);
      max_packet_size_ = result.maximum_packet_size;
      return result;
    } catch (const Error& error) {
      const bool retryable = error.exit_code() == exit_status::unreachable;
      const bool attempts_left = settings_.retry_connect < 0 || attempt < settings_.retry_connect;
      if (!retryable || !attempts_left || signals_.interrupted()) throw;
      fmt::print(stderr, "mqpub: warning: {} (retrying in {})\n", error.what(), format_duration(backoff));
      const auto until = std::chrono::steady_clock::now() + backoff;
      while (std::chrono::steady_clock::now() < until && !signals_.interrupted())
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      backoff = std::min<Duration>(backoff * 2, std::chrono::seconds(30));
    }
  }
}

bool Publisher::stopped() const {
  std::lock_guard lock(mutex_);
  return stop_;
}

int Publisher::outstanding() const {
  return static_cast<int>(in_flight_.size()) + qos0_outstanding_ + sending_;
}

bool Publisher::wait_until_sendable(std::unique_lock<std::mutex>& lock) {
  if (stop_ || (connected_ && outstanding() < window_)) return !stop_;
  // What the client holds back may be what we are waiting for: send it first (never under our lock, since
  // the client calls back into us).
  lock.unlock();
  client_->flush();
  lock.lock();
  changed_.wait(lock, [&] { return stop_ || (connected_ && outstanding() <= low_watermark()); });
  return !stop_;
}

// With a client that batches, a full window waits until half of it is free: the next messages then go out
// as one burst, and the acknowledging thread wakes this one once per burst instead of once per
// acknowledgement. Paho writes message by message, so there any room is used at once.
int Publisher::low_watermark() const { return client_->batches_writes() ? window_ / 2 : window_ - 1; }

void Publisher::notify_if_room() {
  if (outstanding() <= low_watermark()) changed_.notify_all();
}

void Publisher::flush() { client_->flush(); }

bool Publisher::send(const std::string& topic, std::string_view payload, const MessageProperties* properties,
                     std::unique_lock<std::mutex>& lock, int first_losses) {
  // Paho runs our callbacks while holding its own lock, so we must never hold ours while calling Paho.
  // QoS 0 tokens are not unique in Paho 1.3.12, so those messages are only counted, not tracked by token.
  const bool counted_only = settings_.qos == 0;
  if (counted_only) ++qos0_outstanding_;
  ++sending_;
  lock.unlock();
  int token = 0;
  std::optional<Error> failure;
  try {
    token = client_->publish(topic, payload, settings_.qos, settings_.retain, properties);
  } catch (const Error& error) {
    failure = error;
  }
  lock.lock();
  --sending_;
  if (failure && counted_only) --qos0_outstanding_;
  if (failure) {
    if (failure->exit_code() != exit_status::connection_lost) throw *failure;
    // The connection dropped between our check and the send.
    connected_ = false;
    summary_.connection_lost = true;
    if (!settings_.survive_disconnects) {
      stop_ = true;  // publish() then counts the unsent QoS 1/2 message as not acknowledged
      if (settings_.qos == 0) ++summary_.lost_qos0;
    } else if (settings_.qos > 0) {
      resend_.push_back(Pending{topic, std::string(payload), properties, first_losses});  // after the reconnect
    } else {
      ++summary_.lost_qos0;
    }
    changed_.notify_all();
    return false;
  }
  if (counted_only) return true;
  // Only QoS 1/2 messages are kept (copied), since only they may have to be sent again.
  const bool first = !sent_on_this_connection_;
  auto [entry, inserted] =
      in_flight_.emplace(token, Pending{topic, std::string(payload), properties, first_losses, first});
  sent_on_this_connection_ = true;
  // A fast acknowledgement may have come before the token was recorded.
  if (auto early = early_deliveries_.find(token); early != early_deliveries_.end()) {
    const Delivery delivery = early->second;
    early_deliveries_.erase(early);
    apply_delivery(entry, delivery);
  }
  (void)inserted;
  return true;
}

bool Publisher::publish(const std::string& topic, std::string_view payload, const MessageProperties* properties) {
  std::unique_lock lock(mutex_);
  while (true) {
    if (!wait_until_sendable(lock)) {
      // The connection went away before this message could be sent: it counts as not acknowledged.
      if (settings_.qos > 0 && summary_.connection_lost) ++summary_.lost_in_flight;
      return false;
    }
    if (!resend_.empty()) {
      resend_next(lock);
      continue;
    }
    if (send(topic, payload, properties, lock)) return true;
    if (settings_.qos == 0) return true;  // counted as lost; the stream goes on
  }
}

void Publisher::drain() {
  std::unique_lock lock(mutex_);
  while (!stop_) {
    if (!resend_.empty()) {
      if (!wait_until_sendable(lock)) break;
      resend_next(lock);
      continue;
    }
    if (in_flight_.empty() && qos0_outstanding_ <= 0 && sending_ == 0) break;
    lock.unlock();
    client_->flush();
    lock.lock();
    if (stop_ || !resend_.empty() || (in_flight_.empty() && qos0_outstanding_ <= 0 && sending_ == 0)) continue;
    changed_.wait(lock);
  }
}

bool Publisher::resend_next(std::unique_lock<std::mutex>& lock) {
  Pending again = std::move(resend_.front());
  resend_.pop_front();
  ++summary_.resent;
  return send(again.topic, again.payload, again.properties, lock, again.first_losses);
}

void Publisher::requeue_lost(Pending&& lost) {
  if (!settings_.survive_disconnects) {
    ++summary_.lost_in_flight;
  } else if (lost.first_on_connection && ++lost.first_losses >= first_losses_before_giving_up) {
    ++summary_.lost_in_flight;
    fmt::print(stderr,
               "mqpub: warning: a message of {} bytes to '{}' was not acknowledged: the broker closed the "
               "connection each time it was sent; not sent again (is it over the broker's max_packet_size?)\n",
               lost.payload.size(), lost.topic);
  } else {
    lost.first_on_connection = false;
    resend_.push_back(std::move(lost));
  }
}

void Publisher::apply_delivery(std::map<int, Pending>::iterator entry, const Delivery& delivery) {
  if (delivery.ok) {
    ++summary_.acknowledged;
    if (settings_.verbose) fmt::print(stderr, "mqpub: acknowledged message {}\n", delivery.token);
  } else if (delivery.lost_with_connection) {
    // Not a rejection: the connection went away under the message (Paho may report this before the loss).
    summary_.connection_lost = true;
    if (settings_.qos > 0) {
      requeue_lost(std::move(entry->second));
    } else {
      ++summary_.lost_qos0;
    }
  } else {
    ++summary_.rejected;
    if (summary_.first_rejection.empty()) {
      summary_.first_rejection = delivery.reason;
      summary_.first_rejection_code = delivery.reason_code;
    }
  }
  in_flight_.erase(entry);
  if (delivery.ok) {
    notify_if_room();
  } else {
    changed_.notify_all();
  }
}

void Publisher::on_delivery(const Delivery& delivery) {
  std::lock_guard lock(mutex_);
  if (settings_.qos == 0) {
    qos0_outstanding_ -= delivery.count;
    if (!delivery.ok) {
      if (delivery.lost_with_connection) {
        summary_.lost_qos0 += delivery.count;
      } else {
        summary_.rejected += delivery.count;
        if (summary_.first_rejection.empty()) summary_.first_rejection = delivery.reason;
      }
    } else {
      summary_.acknowledged += delivery.count;
    }
    notify_if_room();
    return;
  }
  auto found = in_flight_.find(delivery.token);
  if (found == in_flight_.end()) {
    early_deliveries_.emplace(delivery.token, delivery);
    return;
  }
  apply_delivery(found, delivery);
}

PublishSummary Publisher::finish() {
  {
    std::lock_guard lock(mutex_);
    summary_.unacknowledged = static_cast<long>(in_flight_.size() + resend_.size()) + summary_.lost_in_flight;
  }
  client_->disconnect(std::chrono::seconds(1));
  std::lock_guard lock(mutex_);
  return summary_;
}

}  // namespace mq::mqpub
