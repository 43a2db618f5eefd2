#include "mqbench/mqbench.hpp"

#include <fmt/format.h>
#include <sys/resource.h>
#include <unistd.h>

#include <array>
#include <cstdlib>

#include "mq/cli/tool_runner.hpp"
#include "mq/core/error.hpp"
#include "mq/core/exit_status.hpp"
#include "mq/core/resolve.hpp"
#include "mq/core/signals.hpp"
#include "mq/paho/client.hpp"
#include "mqbench/conn_run.hpp"
#include "mqbench/load_run.hpp"
#include "mqbench/merge.hpp"
#include "mqbench/options.hpp"
#include "mqbench/ping.hpp"
#include "mqbench/plan.hpp"
#include "mqbench/scenarios.hpp"

namespace mq::mqbench {
namespace {

constexpr cli::ToolDescription tool{
    "mqbench",
    "MQTT load generator: mqbench conn|pub|sub|pubsub|ping [options] (latency without coordinated omission)"};

// Thousands of connections need thousands of descriptors; the soft limit is often 1024.
void raise_open_file_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur >= limit.rlim_max) return;
  limit.rlim_cur = limit.rlim_max;
  setrlimit(RLIMIT_NOFILE, &limit);
}

int run(const Options& options, SignalWatcher& signals) {
  if (options.mode.empty())
    throw Error(exit_status::usage, "mode", "none given", "use one of conn, pub, sub, pubsub, ping or merge");
  const std::string default_topic = fmt::format("mqbench/{}/%i", ::getpid());
  std::optional<std::string> job_completion_index;
  if (const char* value = std::getenv("JOB_COMPLETION_INDEX")) job_completion_index = value;
  auto plan = make_plan(options, default_topic, job_completion_index);
  if (!plan) throw Error(exit_status::usage, plan.error().option, plan.error().why, plan.error().hint);
  // -i is a template here (%i per client); each client's id is derived in connection_for_client.
  const ResolvedConnection connection =
      resolve_connection(options.connection, ResolveContext{"mqbench", plan->mode != "pub"});
  raise_open_file_limit();
  paho::prepare_process(connection.debug);

  StopFlag stop;
  const auto signal_registration = signals.on_signal([&stop](int) { stop.request(true); });
  RunContext context{*plan, connection, options.connection.client_id, stop};
  context.first_index = plan->first_publisher;
  context.first_subscriber = plan->first_subscriber;
  for (const auto& scenario : scenarios())
    if (scenario.name == plan->mode) return scenario.run(context);
  throw Error(exit_status::internal_error, "mode", fmt::format("no runner for '{}'", plan->mode));
}

}  // namespace

std::span<const Scenario> scenarios() {
  static constexpr std::array table{
      Scenario{"conn", "open --clients connections at --connect-rate, hold them, report connect times",
               run_conn},
      Scenario{"pub", "publish from --clients publishers on an open-loop schedule", run_pub},
      Scenario{"sub", "subscribe --clients subscribers and measure what arrives", run_sub},
      Scenario{"pubsub", "publishers and subscribers in one run: end-to-end latency and loss", run_pubsub},
      Scenario{"ping", "round-trip --count messages through the broker; non-zero exit on loss", run_ping},
      Scenario{"merge", "merge the --json reports of simultaneous runs exactly (histograms add)", run_merge},
  };
  return table;
}

int main(int argc, char** argv) {
  SignalWatcher signals;  // before any thread, so Paho's threads inherit the blocked signals
  Options options;
  return cli::run_tool(
      tool, argc, argv,
      {[&](CLI::App& app) { define_cli(app, options); }, [&]() { return run(options, signals); },
       [] { return paho::version_text("mqbench"); }});
}

}  // namespace mq::mqbench
