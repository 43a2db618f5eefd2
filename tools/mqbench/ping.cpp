#include "mqbench/ping.hpp"

#include <fmt/format.h>

#include <condition_variable>
#include <cstdio>
#include <memory>
#include <mutex>
#include <optional>

#include "mq/core/error.hpp"
#include "mq/core/exit_status.hpp"
#include "mq/paho/client.hpp"
#include "mqbench/client_factory.hpp"
#include "mqbench/clock.hpp"
#include "mqbench/fail_if.hpp"
#include "mqbench/payload_header.hpp"
#include "mqbench/report.hpp"
#include "mqbench/subscribe.hpp"
#include "mqbench/topic_template.hpp"
#include "mqbench/waker.hpp"

namespace mq::mqbench {
namespace {

// Filled on Paho's receive thread, read by the pinging thread.
struct Echoes {
  std::mutex mutex;
  std::condition_variable arrived;
  std::uint64_t awaited = 0;
  bool answered = false;
  std::vector<bool> seen;
  Histogram round_trip;
  std::uint64_t received = 0;
  std::uint64_t duplicates = 0;
  std::uint64_t late = 0;
  std::uint64_t foreign = 0;
  std::uint64_t failed_deliveries = 0;

  void take(const output::Message& message) {
    const auto header = decode_header(message.payload);
    std::lock_guard lock(mutex);
    if (!header || header->sequence >= seen.size()) {
      ++foreign;
      return;
    }
    if (seen[header->sequence]) {
      ++duplicates;
      return;
    }
    seen[header->sequence] = true;
    ++received;
    if (header->sequence == awaited && !answered) {
      round_trip.record(wall_ns(message.received_at) - header->sent_ns);
      answered = true;
      arrived.notify_all();
    } else {
      ++late;  // the answer to a message already given up as lost
    }
  }
};

}  // namespace

int run_ping(const RunContext& context) {
  const Plan& plan = context.plan;
  const std::uint64_t count = plan.count.value_or(10);
  paho::ClientSettings settings;
  settings.tool = "mqbench";
  settings.max_inflight = plan.inflight;
  settings.max_buffered = plan.inflight + 16;

  const auto subscriber_connection =
      connection_for_client(context.connection, context.client_id_template, "ping", 0);
  auto subscriber = std::make_unique<paho::Client>(subscriber_connection, settings);
  std::unique_ptr<paho::Client> separate_publisher;
  if (plan.ping_connections == 2)
    separate_publisher = std::make_unique<paho::Client>(
        connection_for_client(context.connection, context.client_id_template, "ping", 1), settings);
  paho::Client& publisher = separate_publisher ? *separate_publisher : *subscriber;

  Echoes echoes;
  echoes.seen.assign(count, false);
  subscriber->on_message([&echoes](output::Message&& message) { echoes.take(message); });
  publisher.on_delivery([&echoes](const paho::Delivery& delivery) {
    if (delivery.ok) return;
    std::lock_guard lock(echoes.mutex);
    ++echoes.failed_deliveries;
  });

  const std::string topic = expand_template(plan.topic_template, 0, subscriber_connection.client_id);
  {
    // A second connection would otherwise wait ~2 s for its CONNACK (see waker.hpp).
    std::optional<Waker> waker;
    if (separate_publisher) waker.emplace(context);
    subscriber->connect();
    subscribe_filter(*subscriber, topic, plan.qos, subscriber_connection.client_id);
    if (separate_publisher) separate_publisher->connect();
  }

  std::string payload(plan.size, '.');
  std::uint64_t sent = 0;
  std::uint64_t lost = 0;
  for (std::uint64_t sequence = 0; sequence < count && !context.stop.stopped(); ++sequence) {
    {
      std::lock_guard lock(echoes.mutex);
      echoes.awaited = sequence;
      echoes.answered = false;
    }
    PayloadHeader header;
    header.sequence = sequence;
    header.sent_ns = header.intended_ns = wall_now_ns();
    encode_header(header, payload);
    publisher.publish(topic, payload, plan.qos, plan.retain);
    ++sent;
    const auto deadline = std::chrono::steady_clock::now() + plan.wait;
    std::unique_lock lock(echoes.mutex);
    // Short slices so Ctrl-C is noticed while waiting for an answer.
    while (!echoes.answered && std::chrono::steady_clock::now() < deadline && !context.stop.stopped())
      echoes.arrived.wait_for(lock, std::chrono::milliseconds(50));
    if (!echoes.answered) ++lost;
    lock.unlock();
    if (plan.interval && plan.interval->count() > 0 && sequence + 1 < count)
      context.stop.sleep_until(std::chrono::steady_clock::now() + *plan.interval);
  }
  if (separate_publisher) separate_publisher->disconnect(std::chrono::seconds(1));
  subscriber->disconnect(std::chrono::seconds(1));

  std::lock_guard lock(echoes.mutex);
  std::FILE* out = plan.json_path == "-" ? stderr : stdout;
  fmt::print(out, "mqbench ping {} at QoS {}, {} bytes, topic {}\n", subscriber->endpoint(), plan.qos,
             plan.size, topic);
  fmt::print(out, "{} sent, {} received, {} lost, {} duplicates, {} late\n", sent, echoes.received, lost,
             echoes.duplicates, echoes.late);
  fmt::print(out, "rtt  {}\n", percentile_line(echoes.round_trip));
  std::fflush(out);
  const nlohmann::json summary{{"mode", "ping"},
                               {"qos", plan.qos},
                               {"size", plan.size},
                               {"connections", plan.ping_connections},
                               {"sent", sent},
                               {"received", echoes.received},
                               {"lost", lost},
                               {"duplicates", echoes.duplicates},
                               {"late", echoes.late},
                               {"foreign", echoes.foreign},
                               {"failed_deliveries", echoes.failed_deliveries},
                               {"rtt", histogram_to_json(echoes.round_trip)}};
  write_json(plan.json_path, summary);
  if (context.stop.interrupted()) return exit_status::interrupted;
  if (echoes.failed_deliveries > 0)
    throw Error(exit_status::publish_rejected, "ping",
                fmt::format("the broker rejected {} of {} publishes", echoes.failed_deliveries, sent));
  if (lost > 0)
    throw Error(
        exit_status::timeout, "ping",
        fmt::format("{} of {} messages did not come back within {}", lost, sent, format_duration(plan.wait)));
  return apply_gates(plan.gates, summary);
}

}  // namespace mq::mqbench
