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

#include "mq/paho/client.hpp"
#include "mqbench/histogram.hpp"
#include "mqbench/scenarios.hpp"

namespace mq::mqbench {

struct ConnectOutcome {
  std::vector<std::unique_ptr<paho::Client>> clients;  // nullptr where the connect failed
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
                     const std::function<void(std::uint32_t index, paho::Client& client)>& prepare,
                     ConnectOutcome& outcome, std::uint64_t& error_total);

}  // namespace mq::mqbench
