#pragma once
// Opens many clients at a steady --connect-rate, timing each CONNACK and counting failures by reason;
// shared by conn, pub, sub and pubsub so connections are made and counted one way.
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "mq/core/subscribe_client.hpp"
#include "mq/paho/client.hpp"
#include "mqbench/histogram.hpp"
#include "mqbench/scenarios.hpp"

namespace mq::mqbench {

// Makes one client; Paho's unless the caller picks the project's own (paho_clients() / own_clients()).
using ClientFactory = std::function<std::unique_ptr<SubscribeClient>(
    std::shared_ptr<const ResolvedConnection> shared_base, ClientIdentity identity, const ClientSettings& settings)>;
ClientFactory paho_clients();
// mq::wire's clients for plain TCP: ~1,000 instructions per QoS 0 message sent where Paho needs ~26,000, and
// no Paho hand-offs per message received; but a receive thread each, so only for a few clients per process
// (see wants_own_clients()).
ClientFactory own_clients();

// Whether `count` publishers (or subscribers) in one process over `connection` use own_clients(): plain TCP,
// clean session, at most this many (a thread each), and MQ_PUBLISH_ENGINE not "paho".
inline constexpr std::uint32_t most_own_clients = 64;
bool wants_own_clients(const ResolvedConnection& connection, std::uint32_t count);
ClientFactory clients_for(const ResolvedConnection& connection, std::uint32_t count);

struct ConnectOutcome {
  // nullptr where the connect failed.
  std::vector<std::unique_ptr<SubscribeClient>> clients;
  std::vector<std::string> client_ids;
  Histogram connect_time;
  std::map<std::string, std::uint64_t> errors;  // reason -> count
  std::uint64_t connected = 0;
  std::chrono::nanoseconds elapsed{0};     // first connect started -> last one answered
  std::optional<std::string> first_error;  // "what: why" of the first failure
  int first_error_status = 0;
};

// `prepare` runs on each client before it connects (handlers must be set before connect()). Callers keep
// a Waker (waker.hpp) alive around their connect phase, or each connect after the first waits ~2 s.
void connect_clients(const RunContext& context, std::string_view role, std::uint32_t count,
                     const paho::ClientSettings& settings,
                     const std::function<void(std::uint32_t index, SubscribeClient& client)>& prepare,
                     ConnectOutcome& outcome, std::uint64_t& error_total,
                     const ClientFactory& factory = paho_clients());

}  // namespace mq::mqbench
