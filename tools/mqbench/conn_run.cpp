#include "mqbench/conn_run.hpp"

#include <fmt/format.h>

#include <cstdio>

#include "mq/core/error.hpp"
#include "mq/core/exit_status.hpp"
#include "mqbench/connector.hpp"
#include "mqbench/fail_if.hpp"
#include "mqbench/report.hpp"
#include "mqbench/waker.hpp"
#include "mqbench/workers.hpp"

namespace mq::mqbench {

int run_conn(const RunContext& context) {
  const Plan& plan = context.plan;
  if (plan.workers > 1) return run_conn_sharded(context);
  paho::ClientSettings settings;
  settings.tool = "mqbench";
  ConnectOutcome outcome;
  std::uint64_t error_total = 0;
  {
    const Waker waker(context);
    connect_clients(context, "c", plan.publishers, settings, {}, outcome, error_total);
  }
  const auto connected_after = outcome.elapsed;
  if (plan.hold.count() > 0) context.stop.sleep_until(std::chrono::steady_clock::now() + plan.hold);
  std::uint64_t still_connected = 0;
  for (auto& client : outcome.clients)
    if (client && client->is_connected()) ++still_connected;
  for (auto& client : outcome.clients)
    if (client) client->disconnect(std::chrono::milliseconds(100));

  std::FILE* out = plan.json_path == "-" ? stderr : stdout;
  fmt::print(out, "mqbench conn: {} of {} connected in {}, {} still connected after --hold\n",
             outcome.connected, outcome.client_ids.size(), format_nanoseconds(connected_after.count()),
             still_connected);
  fmt::print(out, "connect  {}\n", percentile_line(outcome.connect_time));
  for (const auto& [reason, count] : outcome.errors) fmt::print(out, "error  {} x {}\n", count, reason);
  std::fflush(out);
  nlohmann::json summary{{"mode", "conn"},
                         {"attempted", outcome.client_ids.size()},
                         {"connected", outcome.connected},
                         {"held", still_connected},
                         {"connect_seconds", std::chrono::duration<double>(connected_after).count()},
                         {"connect_time", histogram_to_json(outcome.connect_time)},
                         {"errors", errors_to_json(outcome.errors)}};
  if (plan.shard.count > 1) summary["shard"] = {{"index", plan.shard.index}, {"count", plan.shard.count}};
  write_json(plan.json_path, summary);
  if (context.stop.interrupted()) return exit_status::interrupted;
  if (outcome.connected == 0 && outcome.first_error)
    throw Error(outcome.first_error_status, "conn",
                fmt::format("no connection succeeded ({})", *outcome.first_error));
  return apply_gates(plan.gates, summary);
}

}  // namespace mq::mqbench
