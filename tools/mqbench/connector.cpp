#include "mqbench/connector.hpp"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <string_view>
#include <chrono>
#include <mutex>
#include <thread>

#include "mq/core/error.hpp"
#include "mq/wire/client.hpp"
#include "mqbench/client_factory.hpp"

namespace mq::mqbench {
namespace {

// Client::connect() blocks until CONNACK, so a handful of threads keep several handshakes in flight;
// more would only contend for Paho's global mutexes on 2 cores.
constexpr std::uint32_t connecting_threads = 8;

}  // namespace

ClientFactory paho_clients() {
  return [](std::shared_ptr<const ResolvedConnection> shared_base, ClientIdentity identity,
            const ClientSettings& settings) -> std::unique_ptr<SubscribeClient> {
    return std::make_unique<paho::Client>(std::move(shared_base), std::move(identity), settings);
  };
}

ClientFactory own_clients() {
  return [](std::shared_ptr<const ResolvedConnection> shared_base, ClientIdentity identity,
            const ClientSettings& settings) -> std::unique_ptr<SubscribeClient> {
    ResolvedConnection connection = *shared_base;
    connection.client_id = std::move(identity.client_id);
    connection.username = std::move(identity.username);
    return std::make_unique<wire::Client>(connection, settings);
  };
}

bool wants_own_clients(const ResolvedConnection& connection, std::uint32_t count) {
  const char* engine = std::getenv("MQ_PUBLISH_ENGINE");
  if (engine != nullptr && std::string_view(engine) == "paho") return false;
  return count <= most_own_clients && wire::Client::supports(connection);
}

ClientFactory clients_for(const ResolvedConnection& connection, std::uint32_t count) {
  return wants_own_clients(connection, count) ? own_clients() : paho_clients();
}

void connect_clients(const RunContext& context, std::string_view role, std::uint32_t count,
                     const paho::ClientSettings& settings,
                     const std::function<void(std::uint32_t index, SubscribeClient& client)>& prepare,
                     ConnectOutcome& outcome, std::uint64_t& error_total, const ClientFactory& factory) {
  std::mutex outcome_mutex;
  const auto fail = [&](const Error& error) {
    std::lock_guard lock(outcome_mutex);
    ++outcome.errors[error.why()];
    if (!outcome.first_error) {
      outcome.first_error = error.what();
      outcome.first_error_status = error.exit_code();
    }
    ++error_total;
    if (context.plan.max_errors > 0 && error_total >= context.plan.max_errors) context.stop.request(false);
  };

  // Created here, one thread: creating a client installs process-wide socket hooks (not thread-safe).
  outcome.clients.resize(count);
  outcome.client_ids.resize(count);
  ResolvedConnection base = context.connection;
  base.client_id_generated = false;
  const auto shared_base = std::make_shared<const ResolvedConnection>(std::move(base));
  const bool role_after_template = role == "s" && context.plan.mode == "pubsub";
  for (std::uint32_t index = 0; index < count; ++index) {
    auto identity = identity_for_client(*shared_base, context.client_id_template, role, context.first_index + index,
                                        role_after_template);
    outcome.client_ids[index] = identity.client_id;
    try {
      outcome.clients[index] = factory(shared_base, std::move(identity), settings);
      if (prepare) prepare(index, *outcome.clients[index]);
    } catch (const Error& error) {
      outcome.clients[index].reset();
      fail(error);
    }
  }

  const auto start = std::chrono::steady_clock::now();
  std::atomic<std::uint32_t> next{0};
  const auto connect_some = [&] {
    for (std::uint32_t index = next++; index < count; index = next++) {
      if (context.stop.stopped()) return;
      if (context.plan.connect_rate > 0) {
        const auto due = start + std::chrono::nanoseconds(static_cast<std::int64_t>(
                                     1e9 * static_cast<double>(index) / context.plan.connect_rate));
        if (context.stop.sleep_until(due)) return;
      }
      auto& client = outcome.clients[index];
      if (!client) continue;
      const auto began = std::chrono::steady_clock::now();
      try {
        client->connect();
        const auto took = std::chrono::steady_clock::now() - began;
        std::lock_guard lock(outcome_mutex);
        outcome.connect_time.record(took.count());
        ++outcome.connected;
      } catch (const Error& error) {
        fail(error);
        std::lock_guard lock(outcome_mutex);
        client.reset();
      }
    }
  };
  std::vector<std::thread> threads;
  for (std::uint32_t i = 1; i < std::min(connecting_threads, count); ++i) threads.emplace_back(connect_some);
  connect_some();
  for (auto& thread : threads) thread.join();
  outcome.elapsed = std::chrono::steady_clock::now() - start;
}

}  // namespace mq::mqbench
