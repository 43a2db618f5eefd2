#pragma once
// One subscribing run: connect, subscribe, hand every message to the writer thread, and end the run the
// way the options say. Three threads meet here: Paho's (callbacks: queue a message, note a lost or new
// connection), the writer thread (PrintLoop) and the main thread, which owns every blocking Paho call
// (connect, subscribe, disconnect) and the clocks (-W, --idle-timeout).
//
// Lost connections: with reconnect on (the default, as mosquitto_sub) Paho reconnects with backoff between
// reconnect_min and reconnect_max and the main thread subscribes again on every reconnect (a broker that
// restarted without persistence forgot us). Under MQTT 5 the re-subscribe asks for retain handling 1, so a
// session that survived does not get the retained messages a second time. With a persistent session (-c -i
// ID, or -x) the broker keeps QoS 1/2 messages for us while we are away and sends them on reconnect.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mq/core/connection_options.hpp"
#include "mq/core/duration.hpp"
#include "mq/core/signals.hpp"
#include "mq/paho/client.hpp"
#include "mqsub/print_loop.hpp"

namespace mq::mqsub {

struct SessionSettings {
  std::vector<paho::Subscription> subscriptions;
  std::vector<std::string> unsubscribe_filters;
  std::optional<std::uint32_t> subscription_identifier;
  std::vector<std::pair<std::string, std::string>> subscribe_user_properties;
  bool exit_after_subscribe = false;
  std::optional<Duration> timeout;       // -W
  std::optional<Duration> idle_timeout;  // --idle-timeout
  std::optional<long> count;             // -C, for the -W message
  bool reconnect = true;
  Duration reconnect_min = std::chrono::seconds(1);
  Duration reconnect_max = std::chrono::seconds(60);
  bool retained_only = false;
  // Our private topic (never printed): --retained-only publishes its end marker there.
  std::optional<std::string> marker_topic;
  bool watch_output = false;  // stdout is a pipe or socket: notice the reader leaving at once
  bool quiet = false;
};

// Returns the exit status; throws mq::Error for the failing ends (timeout, idle, lost, output).
int run_session(const ResolvedConnection& connection, const SessionSettings& settings, PrintLoop& print_loop,
                SignalWatcher& signals);

}  // namespace mq::mqsub
