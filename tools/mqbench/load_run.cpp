#include "mqbench/load_run.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <limits>
#include <mutex>
#include <optional>
#include <queue>
#include <thread>

#include "mq/core/duration.hpp"
#include "mq/core/error.hpp"
#include "mq/core/exit_status.hpp"
#include "mqbench/clock.hpp"
#include "mqbench/connector.hpp"
#include "mqbench/csv.hpp"
#include "mqbench/fail_if.hpp"
#include "mqbench/payload_header.hpp"
#include "mqbench/receiver.hpp"
#include "mqbench/report.hpp"
#include "mqbench/status_line.hpp"
#include "mqbench/subscribe.hpp"
#include "mqbench/topic_template.hpp"
#include "mqbench/waker.hpp"
#include "mqbench/worker_link.hpp"
#include "mqbench/workers.hpp"

namespace mq::mqbench {
namespace {

using SteadyClock = std::chrono::steady_clock;

struct Publisher {
  PublishClient* client = nullptr;
  std::uint32_t id = 0;
  std::string topic;
  Schedule schedule;
  std::uint64_t quota = std::numeric_limits<std::uint64_t>::max();
  std::uint64_t sent = 0;                                     // counted once: when Paho accepted the publish
  int inflight = 0;                                           // guarded by Deliveries::mutex
  std::optional<SteadyClock::time_point> disconnected_since;  // waiting for Paho's automatic reconnect
};

// Delivery outcomes arrive on Paho's threads; the publishing thread waits here for window room.
struct Deliveries {
  std::mutex mutex;
  std::condition_variable changed;
  std::uint64_t acknowledged = 0;
  std::uint64_t failed = 0;
  std::map<std::string, std::uint64_t> errors;
};

struct PublishResult {
  Histogram schedule_lag;
  Nanoseconds elapsed{0};
  std::int64_t started_ns = 0;
};

// Running totals read once a second by the status line and --csv while the run goes on.
struct Live {
  std::atomic<std::uint64_t> sent{0};
  std::atomic<std::uint64_t> errors{0};
  std::atomic<std::uint64_t> connected{0};  // connections up right now
  std::atomic<std::uint64_t> reconnects{0};
  std::atomic<std::uint64_t> connections_lost{0};
  // Subscribers whose connection dropped and that are not subscribed again yet: publishers wait for them, as
  // for their own reconnect, so a publisher back first does not send into a broker that forgot the subscription.
  std::atomic<std::int64_t> subscribers_away{0};
};

// Errors by reason: noted by the publishing thread and the resubscriber, read once both are done.
struct Tally {
  std::mutex mutex;
  std::uint64_t errors = 0;  // connect errors too: what --max-errors counts
  std::map<std::string, std::uint64_t> reasons;
};

void note_error(const RunContext& context, Tally& tally, Live& live, const std::string& reason) {
  live.errors.fetch_add(1, std::memory_order_relaxed);
  std::lock_guard lock(tally.mutex);
  ++tally.reasons[reason];
  if (context.plan.max_errors > 0 && ++tally.errors >= context.plan.max_errors) context.stop.request(false);
}

// Paho reconnects on its own (automatic reconnect); this counts each connection's connects after the first
// and each loss. The first call of on_connected is the first connect: counting calls does not race with
// connect() returning, as the client's own `reconnected` flag would.
void watch_connection(PublishClient& client, std::atomic<std::uint32_t>& connects, Live& live,
                      std::function<void()> after_reconnect, std::function<void()> after_loss = {}) {
  client.on_connected([&connects, &live, after_reconnect = std::move(after_reconnect)](bool) {
    live.connected.fetch_add(1, std::memory_order_relaxed);
    if (connects.fetch_add(1) == 0) return;
    live.reconnects.fetch_add(1, std::memory_order_relaxed);
    if (after_reconnect) after_reconnect();
  });
  client.on_connection_lost([&live, after_loss = std::move(after_loss)](const std::string&) {
    live.connected.fetch_sub(1, std::memory_order_relaxed);
    live.connections_lost.fetch_add(1, std::memory_order_relaxed);
    if (after_loss) after_loss();
  });
}

// Subscribes a reconnected subscriber again (mosquitto restarted without persistence has forgotten it).
// Paho's callbacks must not block and subscribe() waits for the SUBACK, so one thread of its own does it.
class Resubscriber {
 public:
  explicit Resubscriber(std::function<void(std::size_t)> subscribe_one)
      : subscribe_one_(std::move(subscribe_one)), thread_([this] { serve(); }) {}
  ~Resubscriber() { close(); }
  Resubscriber(const Resubscriber&) = delete;
  Resubscriber& operator=(const Resubscriber&) = delete;

  void request(std::size_t index) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;  // closed: the run is ending
      pending_.push_back(index);
    }
    changed_.notify_all();
  }

  // Stops the thread; later requests are ignored (a late reconnect may still call request()).
  void close() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    changed_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

 private:
  void serve() {
    std::unique_lock lock(mutex_);
    while (true) {
      changed_.wait(lock, [this] { return stopping_ || !pending_.empty(); });
      if (stopping_) return;
      const std::size_t index = pending_.front();
      pending_.erase(pending_.begin());
      lock.unlock();
      subscribe_one_(index);
      lock.lock();
    }
  }

  std::function<void(std::size_t)> subscribe_one_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::size_t> pending_;
  bool stopping_ = false;
  std::thread thread_;
};

// The open-loop publishing loop: one thread serves every publisher in intended-time order. A message
// that cannot leave on time (window full, thread late) leaves as soon as it can, still stamped with its
// intended time, so the delay shows up in latency and schedule lag instead of lowering the offered rate.
PublishResult publish_all(const RunContext& context, std::vector<Publisher>& publishers,
                          Deliveries& deliveries, Tally& tally, Live& live) {
  const Plan& plan = context.plan;
  PublishResult result;
  using Entry = std::pair<std::int64_t, std::size_t>;  // (intended ns after start, publisher)
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> due;
  for (std::size_t i = 0; i < publishers.size(); ++i)
    if (publishers[i].client != nullptr && publishers[i].quota > 0)
      due.emplace(publishers[i].schedule.intended(0).count(), i);

  std::string payload(plan.size, '.');
  // Own clients batch what they are given; whenever this thread is about to wait, it sends what they hold.
  const auto flush_all = [&] {
    for (auto& publisher : publishers)
      if (publisher.client != nullptr) publisher.client->flush();
  };
  const auto start = SteadyClock::now();
  result.started_ns = wall_now_ns();
  const std::int64_t end_ns =
      plan.duration ? plan.duration->count() : std::numeric_limits<std::int64_t>::max();
  while (!due.empty() && !context.stop.stopped()) {
    auto [intended_offset, index] = due.top();
    due.pop();
    Publisher& publisher = publishers[index];
    const bool throttled = publisher.schedule.throttled();
    if (throttled) {
      if (intended_offset >= end_ns) continue;
      if (SteadyClock::now() < start + Nanoseconds(intended_offset)) {
        flush_all();
        if (context.stop.sleep_until(start + Nanoseconds(intended_offset))) break;
      }
    }
    // A publisher whose connection dropped waits for its reconnect (and any subscriber's resubscription),
    // keeping its place in the schedule (what it could not send on time leaves late, and the latency shows
    // it); after --timeout it gives up.
    const bool connected = publisher.client->is_connected();
    if (!connected || live.subscribers_away.load() > 0) {
      const auto now = SteadyClock::now();
      if (!publisher.disconnected_since) publisher.disconnected_since = now;
      if (now - *publisher.disconnected_since > plan.wait) {
        const std::string waited = format_duration(plan.wait);
        note_error(context, tally, live,
                   connected ? fmt::format("a subscriber was not subscribed again within {}", waited)
                             : fmt::format("not reconnected within {}", waited));
        continue;  // this publisher is done; the others go on
      }
      due.emplace(intended_offset, index);
      flush_all();
      if (context.stop.sleep_until(now + std::chrono::milliseconds(1))) break;
      continue;
    }
    publisher.disconnected_since.reset();
    bool window_stuck = false;
    {
      std::unique_lock lock(deliveries.mutex);
      if (publisher.inflight >= plan.inflight) {
        lock.unlock();  // the clients call back under this lock's owner, never flush under it
        flush_all();
        lock.lock();
      }
      // Bounded: a connection lost without reconnect never acknowledges what it had in flight.
      const bool room = deliveries.changed.wait_for(
          lock, plan.wait, [&] { return publisher.inflight < plan.inflight || context.stop.stopped(); });
      if (context.stop.stopped()) break;
      if (room) ++publisher.inflight;
      window_stuck = !room;
    }
    if (window_stuck) {
      note_error(context, tally, live,
                 fmt::format("no acknowledgement within {}", format_duration(plan.wait)));
      continue;  // this publisher is done; the others go on
    }
    const std::int64_t now_offset = (SteadyClock::now() - start).count();
    if (!throttled && now_offset >= end_ns) {
      std::lock_guard lock(deliveries.mutex);
      --publisher.inflight;
      continue;
    }
    PayloadHeader header;
    header.publisher_id = publisher.id;
    header.sequence = publisher.sent;
    header.intended_ns = result.started_ns + (throttled ? intended_offset : now_offset);
    header.warmup = (throttled ? intended_offset : now_offset) < plan.warmup.count();
    header.sent_ns = wall_now_ns();
    encode_header(header, payload);
    try {
      publisher.client->publish(publisher.topic, payload, plan.qos, plan.retain, nullptr);
    } catch (const Error& error) {
      {
        std::lock_guard lock(deliveries.mutex);
        --publisher.inflight;
      }
      // Refused because the connection just dropped: not an error of its own, the loss is counted once.
      if (publisher.client->is_connected()) note_error(context, tally, live, error.why());
      due.emplace(throttled ? intended_offset : now_offset, index);
      continue;
    }
    ++publisher.sent;
    live.sent.fetch_add(1, std::memory_order_relaxed);
    if (throttled && !header.warmup) result.schedule_lag.record(header.sent_ns - header.intended_ns);
    if (publisher.sent < publisher.quota)
      due.emplace(throttled ? publisher.schedule.intended(publisher.sent).count() : now_offset, index);
  }
  result.elapsed = SteadyClock::now() - start;
  flush_all();
  // Wait out the acknowledgements so "acknowledged" is final before the report.
  std::unique_lock lock(deliveries.mutex);
  deliveries.changed.wait_for(lock, plan.wait, [&] {
    return std::all_of(publishers.begin(), publishers.end(),
                       [](const Publisher& p) { return p.inflight == 0; });
  });
  return result;
}

struct Counts {
  std::uint64_t expected = 0;
  std::uint64_t lost = 0;
};

struct LoadRun {
  const RunContext& context;
  bool with_publishers;
  bool with_subscribers;

  int operator()() const;
};

int LoadRun::operator()() const {
  const Plan& plan = context.plan;
  paho::ClientSettings settings;
  settings.tool = "mqbench";
  settings.max_inflight = plan.inflight;
  settings.max_buffered = plan.inflight + 16;
  // A broker restart mid-run is survived and counted (reconnects), not the end of the run.
  settings.reconnect = true;
  settings.reconnect_min = std::chrono::seconds(1);
  settings.reconnect_max = std::chrono::seconds(2);

  Tally tally;
  Live live;
  std::optional<CsvWriter> csv;
  if (plan.csv_path) csv.emplace(*plan.csv_path);  // before connecting: a bad path fails at once
  Receiver receiver(with_subscribers ? (plan.shared_subscription ? 1 : plan.subscribers) : 0);
  // What Paho's callbacks touch is declared before the clients, so it outlives them on every path.
  std::vector<std::atomic<std::uint32_t>> subscriber_connects(with_subscribers ? plan.subscribers : 0);
  std::vector<std::atomic<bool>> subscriber_away(with_subscribers ? plan.subscribers : 0);
  std::vector<std::atomic<std::uint32_t>> publisher_connects(with_publishers ? plan.publishers : 0);
  Deliveries deliveries;
  std::vector<Publisher> publishers;
  std::optional<Resubscriber> resubscriber;
  ConnectOutcome subscribers;
  ConnectOutcome publisher_clients;

  // Once a second, from before the first connect: a --csv row and the status line on a terminal.
  StatusLine status_line;
  const auto ticks_from = SteadyClock::now();
  double previous_elapsed = 0;
  std::uint64_t previous_sent = 0;
  std::uint64_t previous_received = 0;
  const auto second = [&](double elapsed, bool draw) {
    SecondRow row;
    row.elapsed_seconds = elapsed;
    row.connected = live.connected.load(std::memory_order_relaxed);
    row.sent = live.sent.load(std::memory_order_relaxed);
    row.received = receiver.snapshot().unique;
    const double span = elapsed - previous_elapsed;
    if (span > 0) {
      row.sent_per_second = static_cast<double>(row.sent - previous_sent) / span;
      row.received_per_second = static_cast<double>(row.received - previous_received) / span;
    }
    const Histogram interval = receiver.take_interval();
    if (interval.count() > 0) {
      row.p50_ns = interval.percentile(50);
      row.p99_ns = interval.percentile(99);
    }
    row.errors = live.errors.load(std::memory_order_relaxed);
    row.reconnects = live.reconnects.load(std::memory_order_relaxed);
    previous_elapsed = elapsed;
    previous_sent = row.sent;
    previous_received = row.received;
    if (context.link != nullptr) {
      context.link->send({{"type", "tick"},
                          {"connected", row.connected},
                          {"sent", row.sent},
                          {"received", row.received},
                          {"errors", row.errors},
                          {"reconnects", row.reconnects},
                          {"interval", histogram_to_json(interval)}});
      return;
    }
    if (csv) csv->write(row);
    if (!draw) return;
    const auto latency = [](const std::optional<std::int64_t>& value) {
      return value ? format_nanoseconds(*value) : std::string("-");
    };
    status_line.draw(fmt::format(
        "{:.0f}s  connected {}  sent/s {:.0f}  received/s {:.0f}  p50 {}  p99 {}  errors {}{}", elapsed,
        row.connected, row.sent_per_second, row.received_per_second, latency(row.p50_ns), latency(row.p99_ns),
        row.errors, row.reconnects > 0 ? fmt::format("  reconnects {}", row.reconnects) : ""));
  };
  std::optional<Ticker> ticker;
  ticker.emplace([&](double elapsed) { second(elapsed, true); });

  Histogram connect_time;
  std::optional<Waker> waker;  // only while connecting: it costs a message per millisecond
  waker.emplace(context);
  const auto subscribe_one = [&](std::size_t i) {
    if (!subscribers.clients[i]) return;
    const std::string filter =
        expand_template(plan.filter_template, static_cast<std::uint64_t>(context.first_subscriber + i),
                        subscribers.client_ids[i]);
    try {
      subscribe_filter(*subscribers.clients[i], filter, plan.qos, subscribers.client_ids[i]);
      if (subscriber_away[i].exchange(false)) live.subscribers_away.fetch_sub(1);
    } catch (const Error& error) {
      note_error(context, tally, live, error.why());
    }
  };
  resubscriber.emplace(subscribe_one);
  // Closed before the clients go, on every path: no subscribe() on a client being torn down.
  struct CloseFirst {
    std::optional<Resubscriber>& resubscriber;
    ~CloseFirst() { resubscriber->close(); }
  } close_resubscriber_first{resubscriber};
  // In a worker, publishing starts when every worker's subscribers are in place.
  const auto start_together = [&] {
    if (context.link == nullptr) return;
    context.link->send({{"type", "ready"}});
    context.link->wait_for("go", context.stop);
  };
  RunContext subscriber_context = context;
  subscriber_context.first_index = context.first_subscriber;
  if (with_subscribers) {
    connect_clients(
        subscriber_context, "s", plan.subscribers, settings,
        [&](std::uint32_t index, SubscribeClient& client) {
          const std::size_t copy = plan.shared_subscription ? 0 : index;
          client.on_message([&receiver, copy](output::Message&& message) { receiver.take(copy, message); });
          watch_connection(
              client, subscriber_connects[index], live, [&resubscriber, index] { resubscriber->request(index); },
              [&live, &subscriber_away, index] {
                if (!subscriber_away[index].exchange(true)) live.subscribers_away.fetch_add(1);
              });
        },
        subscribers, tally.errors, clients_for(subscriber_context.connection, plan.subscribers));
    for (std::size_t i = 0; i < subscribers.clients.size(); ++i) subscribe_one(i);
    std::uint64_t connect_errors = 0;
    {
      std::lock_guard lock(tally.mutex);
      for (const auto& [reason, count] : subscribers.errors) {
        tally.reasons[reason] += count;
        connect_errors += count;
      }
    }
    live.errors.fetch_add(connect_errors, std::memory_order_relaxed);
    connect_time.merge(subscribers.connect_time);
    if (subscribers.connected == 0 && subscribers.first_error)
      throw Error(subscribers.first_error_status, "subscribers",
                  fmt::format("none connected ({})", *subscribers.first_error));
  }

  if (!with_publishers) {
    waker.reset();
    start_together();
  }

  PublishResult published;
  if (with_publishers) {
    publishers.resize(plan.publishers);
    connect_clients(
        context, "p", plan.publishers, settings,
        [&](std::uint32_t index, SubscribeClient& client) {
          Publisher* publisher = &publishers[index];
          client.on_delivery([&deliveries, &live, publisher](const Delivery& delivery) {
            // Own clients report QoS 0 messages in batches, as they are written (delivery.count).
            const auto messages = static_cast<std::uint64_t>(delivery.count);
            {
              std::lock_guard lock(deliveries.mutex);
              publisher->inflight -= delivery.count;
              if (delivery.ok) {
                deliveries.acknowledged += messages;
              } else {
                deliveries.failed += messages;
                deliveries.errors[delivery.reason] += messages;
              }
            }
            if (!delivery.ok) live.errors.fetch_add(messages, std::memory_order_relaxed);
            deliveries.changed.notify_all();
          });
          watch_connection(client, publisher_connects[index], live, {});
        },
        publisher_clients, tally.errors,
        clients_for(context.connection, plan.publishers));
    std::uint64_t connect_errors = 0;
    for (const auto& [reason, count] : publisher_clients.errors) connect_errors += count;
    live.errors.fetch_add(connect_errors, std::memory_order_relaxed);
    {
      std::lock_guard lock(tally.mutex);  // a resubscribing subscriber may note an error meanwhile
      for (const auto& [reason, count] : publisher_clients.errors) tally.reasons[reason] += count;
    }
    connect_time.merge(publisher_clients.connect_time);
    if (publisher_clients.connected == 0 && publisher_clients.first_error)
      throw Error(publisher_clients.first_error_status, "publishers",
                  fmt::format("none connected ({})", *publisher_clients.first_error));
    waker.reset();
    for (std::uint32_t i = 0; i < plan.publishers && i < publisher_clients.clients.size(); ++i) {
      Publisher& publisher = publishers[i];
      publisher.client = publisher_clients.clients[i].get();
      publisher.id = context.first_index + i;  // unique over all workers
      publisher.topic = expand_template(plan.topic_template, publisher.id, publisher_clients.client_ids[i]);
      publisher.schedule = plan.schedule_for(i);
      if (plan.count) publisher.quota = quota_for(*plan.count, plan.publishers, i);
      if (plan.rate && plan.duration) {
        // rate x duration messages exactly: a rounded per-client interval would add or drop one at the end.
        const auto planned = static_cast<std::uint64_t>(
            std::llround(*plan.rate * std::chrono::duration<double>(*plan.duration).count()));
        publisher.quota = std::min(publisher.quota, quota_for(planned, plan.publishers, i));
      }
    }
    start_together();
    published = publish_all(context, publishers, deliveries, tally, live);
  }

  // How many copies of each publisher's messages should arrive, and when to stop waiting for them.
  std::uint64_t sent_total = 0;
  for (const auto& publisher : publishers) sent_total += publisher.sent;
  const std::size_t copies = receiver.trackers().size();
  if (context.link != nullptr && with_publishers)
    context.link->send({{"type", "published"}, {"sent", sent_total}});
  const bool end_to_end = plan.mode == "pubsub";  // expected counts are known
  // Copies of a --shard run on other hosts run the same command: their subscribers are waited for as
  // if each copy sent what this one did (merging the copies' reports counts loss exactly).
  const std::uint64_t shard_copies = plan.shard.count;
  std::uint64_t expected = sent_total * copies * shard_copies;
  if (context.link != nullptr && end_to_end && with_subscribers) {
    // What every worker's publishers sent, from the parent: this worker's subscribers wait for that.
    const auto total = context.link->wait_for("expected", context.stop);
    expected = total ? total->value("sent", std::uint64_t{0}) * copies * shard_copies : 0;
  }
  const auto waited_from = SteadyClock::now();
  if (with_subscribers && end_to_end) {
    // After Ctrl-C, still give messages already on their way a moment, so they are not counted lost.
    const auto grace =
        context.stop.stopped() ? std::min<Nanoseconds>(plan.wait, std::chrono::seconds(1)) : plan.wait;
    const auto deadline = waited_from + grace;
    while (receiver.snapshot().unique < expected && SteadyClock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
  } else if (with_subscribers) {
    // sub alone: until --count messages arrived, --duration passed, or Ctrl-C.
    const auto deadline = plan.duration ? waited_from + *plan.duration : SteadyClock::time_point::max();
    while (!context.stop.stopped() && SteadyClock::now() < deadline &&
           (!plan.count || receiver.snapshot().received < *plan.count))
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  const auto receive_elapsed = SteadyClock::now() - waited_from + published.elapsed;
  ticker.reset();
  if (csv || context.link != nullptr)  // the part second (a worker's goes to its parent)
    second(std::chrono::duration<double>(SteadyClock::now() - ticks_from).count(), false);
  if (csv) csv->close();

  std::uint64_t still_connected = 0;
  for (const auto* outcome : {&subscribers, &publisher_clients})
    for (const auto& client : outcome->clients)
      if (client && client->is_connected()) ++still_connected;
  resubscriber->close();
  for (auto& client : subscribers.clients)
    if (client) client->disconnect(std::chrono::milliseconds(200));
  for (auto& client : publisher_clients.clients)
    if (client) client->disconnect(std::chrono::milliseconds(200));

  const ReceiverSnapshot received = receiver.snapshot();
  std::uint64_t lost = 0;
  std::vector<std::uint32_t> publisher_ids;
  for (const auto& publisher : publishers) publisher_ids.push_back(publisher.id);
  std::map<std::uint32_t, std::uint64_t> sent_by_id;
  for (const auto& publisher : publishers) sent_by_id[publisher.id] = publisher.sent;
  // A pubsub worker's figure is provisional (other workers' publishers are unknown here): the parent
  // recomputes it exactly from "copies".
  for (const auto& tracker : receiver.trackers())
    lost += with_publishers ? tracker.lost(publisher_ids, [&](std::uint32_t id) { return sent_by_id[id]; })
                            : tracker.gaps();
  std::lock_guard delivery_lock(deliveries.mutex);
  for (const auto& [reason, count] : deliveries.errors) tally.reasons[reason] += count;

  // Per publisher, over every copy of its stream.
  nlohmann::json per_publisher = nlohmann::json::array();
  for (const auto& publisher : publishers) {
    std::uint64_t unique = 0, duplicates = 0, reordered = 0;
    for (const auto& tracker : receiver.trackers()) {
      const auto found = tracker.publishers().find(publisher.id);
      if (found == tracker.publishers().end()) continue;
      unique += found->second.unique;
      duplicates += found->second.duplicates;
      reordered += found->second.reordered;
    }
    nlohmann::json entry{{"id", publisher.id}, {"topic", publisher.topic}, {"sent", publisher.sent}};
    if (with_subscribers) {
      const std::uint64_t want = publisher.sent * copies;
      entry.update({{"received", unique},
                    {"lost", want > unique ? want - unique : 0},
                    {"duplicates", duplicates},
                    {"reordered", reordered}});
    }
    per_publisher.push_back(entry);
  }

  const double publish_seconds = std::chrono::duration<double>(published.elapsed).count();
  const double receive_seconds = std::chrono::duration<double>(receive_elapsed).count();
  const auto per_second = [](std::uint64_t n, double seconds) {
    return seconds > 0 ? static_cast<double>(n) / seconds : 0.0;
  };
  const std::string endpoint = context.connection.unix_socket
                                   ? *context.connection.unix_socket
                                   : fmt::format("{}:{}", context.connection.host, context.connection.port);
  const std::uint64_t reconnects = live.reconnects.load();
  const std::uint64_t connections_lost = live.connections_lost.load();
  nlohmann::json summary{{"mode", plan.mode},
                         {"endpoint", endpoint},
                         {"qos", plan.qos},
                         {"size", plan.size},
                         {"publishers", publisher_clients.connected},
                         {"subscribers", subscribers.connected},
                         {"connect_time", histogram_to_json(connect_time)},
                         {"errors", errors_to_json(tally.reasons)},
                         {"reconnects", reconnects},
                         {"connections_lost", connections_lost},
                         {"interrupted", context.stop.interrupted()}};
  if (with_publishers)
    summary.update({{"sent", sent_total},
                    {"acknowledged", deliveries.acknowledged},
                    {"publish_failed", deliveries.failed},
                    {"publish_seconds", publish_seconds},
                    {"sent_per_second", per_second(sent_total, publish_seconds)},
                    {"schedule_lag", histogram_to_json(published.schedule_lag)},
                    {"per_publisher", per_publisher}});
  if (with_subscribers)
    summary.update({{"received", received.unique},
                    {"received_per_second", per_second(received.unique, receive_seconds)},
                    {"expected", end_to_end ? nlohmann::json(expected) : nlohmann::json()},
                    {"lost", lost},
                    {"duplicates", received.duplicates},
                    {"reordered", received.reordered},
                    {"foreign", received.foreign},
                    {"latency", histogram_to_json(receiver.end_to_end())},
                    {"service_latency", histogram_to_json(receiver.service())}});
  if (plan.shard.count > 1) summary["shard"] = {{"index", plan.shard.index}, {"count", plan.shard.count}};
  if ((context.link != nullptr || plan.shard.count > 1) && with_subscribers) {
    // Per copy of the stream, per publisher: [unique, duplicates, reordered], so the parent (or `mqbench
    // merge` of --shard copies) can count loss exactly against what every publisher sent.
    nlohmann::json copies_json = nlohmann::json::array();
    for (const auto& tracker : receiver.trackers()) {
      nlohmann::json counts = nlohmann::json::object();
      for (const auto& [id, seen] : tracker.publishers())
        counts[std::to_string(id)] = {seen.unique, seen.duplicates, seen.reordered};
      copies_json.push_back(std::move(counts));
    }
    summary["copies"] = std::move(copies_json);
  }
  print_load_summary(plan.json_path == "-" ? stderr : stdout, summary);
  write_json(plan.json_path, summary);
  if (context.stop.interrupted()) return exit_status::interrupted;
  if (still_connected == 0)
    throw Error(exit_status::connection_lost, plan.mode, "every connection was lost before the run ended",
                "the summary above counts what happened until then");
  return apply_gates(plan.gates, summary);
}

}  // namespace

void print_load_summary(std::FILE* out, const nlohmann::json& summary) {
  const auto count = [&](const char* key) { return summary.value(key, std::uint64_t{0}); };
  const auto number = [&](const char* key) { return summary.value(key, 0.0); };
  const auto histogram_line = [&](const char* key) {
    if (!summary.contains(key)) return std::string("no samples");
    const auto histogram = histogram_from_json(summary[key]);
    return histogram ? percentile_line(*histogram) : std::string("unreadable");
  };
  const auto shard = [&]() -> std::string {
    if (!summary.contains("shard")) return {};
    return fmt::format(", copy {} of {} (--shard)", summary["shard"].value("index", 0U),
                       summary["shard"].value("count", 0U));
  };
  fmt::print(
      out, "mqbench {} {}: {} publishers, {} subscribers, QoS {}, {} bytes{}{}\n", summary.value("mode", ""),
      summary.value("endpoint", ""), count("publishers"), count("subscribers"), count("qos"), count("size"),
      summary.contains("workers") ? fmt::format(", {} workers", count("workers")) : std::string(), shard());
  const bool with_publishers = summary.contains("sent");
  const bool with_subscribers = summary.contains("received");
  if (with_publishers)
    fmt::print(out, "sent       {} in {:.3f}s ({:.0f} msg/s); acknowledged {}, failed {}\n", count("sent"),
               number("publish_seconds"), number("sent_per_second"), count("acknowledged"),
               count("publish_failed"));
  if (with_subscribers) {
    const bool end_to_end = summary.contains("expected") && summary["expected"].is_number();
    fmt::print(out, "received   {} ({:.0f} msg/s){}: lost {}, duplicates {}, reordered {}, foreign {}\n",
               count("received"), number("received_per_second"),
               end_to_end ? fmt::format(" of {} expected", count("expected")) : std::string(), count("lost"),
               count("duplicates"), count("reordered"), count("foreign"));
    fmt::print(out, "latency    {}\n", histogram_line("latency"));
    fmt::print(out, "service    {}\n", histogram_line("service_latency"));
  }
  if (with_publishers) fmt::print(out, "sched lag  {}\n", histogram_line("schedule_lag"));
  fmt::print(out, "connect    {}\n", histogram_line("connect_time"));
  if (count("reconnects") > 0 || count("connections_lost") > 0)
    fmt::print(out, "reconnects {} after {} lost connections\n", count("reconnects"),
               count("connections_lost"));
  if (!summary.contains("errors") || summary["errors"].empty()) fmt::print(out, "errors     none\n");
  if (summary.contains("errors"))
    for (const auto& [reason, times] : summary["errors"].items())
      fmt::print(out, "errors     {} x {}\n", times.get<std::uint64_t>(), reason);
  std::fflush(out);
}

int run_pub(const RunContext& context) {
  if (context.plan.workers > 1) return run_load_sharded(context, run_pub);
  return LoadRun{context, true, false}();
}
int run_sub(const RunContext& context) {
  if (context.plan.workers > 1) return run_load_sharded(context, run_sub);
  return LoadRun{context, false, true}();
}
int run_pubsub(const RunContext& context) {
  if (context.plan.workers > 1) return run_load_sharded(context, run_pubsub);
  // A worker of a sharded run may hold only publishers or only subscribers.
  return LoadRun{context, context.plan.publishers > 0, context.plan.subscribers > 0}();
}

}  // namespace mq::mqbench
