#include "mqbench/options.hpp"

#include "mq/cli/connection_cli.hpp"
#include "mq/cli/message_options.hpp"
#include "mq/cli/value_checks.hpp"
#include "mqbench/scenarios.hpp"

namespace mq::mqbench {
namespace {
constexpr const char* group_load = "Load shape";
constexpr const char* group_messages = "Messages";
constexpr const char* group_report = "Report";
}  // namespace

void define_cli(CLI::App& app, Options& options) {
  std::vector<std::string> mode_names;
  for (const auto& scenario : scenarios()) mode_names.emplace_back(scenario.name);
  // Not ->required(): --generate and --help must work without a mode; run() refuses a missing one.
  app.add_option("mode", options.mode, "What to run: conn, pub, sub, pubsub, ping, or merge FILE...")
      ->check(CLI::IsMember(mode_names))
      ->type_name("MODE");
  app.add_option("reports", options.reports, "merge: the --json reports of runs made at the same time")
      ->type_name("FILE...");
  cli::add_connection_options(app, options.connection);

  app.add_option(
         "-t,--topic", options.topic,
         "Topic template for publishers, %i = client index, %c = client id (default: mqbench/<pid>/%i); "
         "in sub mode the filter")
      ->type_name("TOPIC")
      ->group(group_messages);
  app.add_option(
         "--sub-topic", options.subscribe_topic,
         "pubsub: the subscribers' filter (default: -t with %i and %c as +); $share/GROUP/... allowed")
      ->type_name("FILTER")
      ->group(group_messages);
  cli::add_qos_option(app, options.qos, "Quality of service: 0, 1 or 2 (default: 0)")->group(group_messages);
  app.add_flag("-r,--retain", options.retain, "Publish retained messages")->group(group_messages);
  app.add_option("--size", options.size, "Payload bytes, at least the 32-byte mqbench header (default: 64)")
      ->type_name("BYTES")
      ->group(group_messages);

  app.add_option("--clients", options.clients,
                 "Publishers (pub, pubsub), subscribers (sub) or connections (conn) (default: 1)")
      ->type_name("N")
      ->group(group_load);
  app.add_option("--subscribers", options.subscribers, "pubsub: subscriber connections (default: 1)")
      ->type_name("N")
      ->group(group_load);
  app.add_option("-C,--count", options.count,
                 "Messages in total over all publishers, split exactly (sub: stop after N received; ping: "
                 "round trips, default 10)")
      ->type_name("N")
      ->group(group_load);
  app.add_option("--duration", options.duration,
                 "Stop publishing after this long (seconds or 500ms, 2m, ...)")
      ->type_name("DURATION")
      ->check(cli::duration_check())
      ->group(group_load);
  app.add_option("--rate", options.rate, "Total messages per second over all publishers, e.g. 1000 or 600/m")
      ->type_name("N/s")
      ->group(group_load);
  app.add_option("--interval", options.interval,
                 "Per publisher: one message every DURATION (0 = unthrottled)")
      ->type_name("DURATION")
      ->check(cli::duration_check())
      ->group(group_load);
  app.add_option("--warmup", options.warmup, "Messages meant to leave in this first period are not measured")
      ->type_name("DURATION")
      ->check(cli::duration_check())
      ->group(group_load);
  // --max-inflight is mqpub's (and mosquitto's) spelling; --inflight stays as the bench tools' one.
  app.add_option("-M,--max-inflight,--inflight", options.inflight,
                 "Per publisher: at most N messages not yet acknowledged (default: 20)")
      ->type_name("N")
      ->check(CLI::Range(1, 65535))
      ->group(group_load);
  app.add_option("--connect-rate", options.connect_rate,
                 "New connections per second (default: as fast as possible)")
      ->type_name("N/s")
      ->group(group_load);
  app.add_option("--hold", options.hold, "conn: keep the connections open this long before disconnecting")
      ->type_name("DURATION")
      ->check(cli::duration_check())
      ->group(group_load);
  app.add_option("--connections", options.ping_connections,
                 "ping: 1 (one client publishes and subscribes) or 2 (separate publisher and subscriber)")
      ->type_name("1|2")
      ->check(CLI::Range(1, 2))
      ->group(group_load);
  cli::add_timeout_option(app, options.timeout,
                          "Wait this long for outstanding messages before counting them lost (default: 5s)")
      ->group(group_load);
  app.add_option("--max-errors", options.max_errors,
                 "Stop the run after N connect or publish errors (default: no limit)")
      ->type_name("N")
      ->group(group_load);

  app.add_option("--workers", options.workers,
                 "Shard the clients over N processes (default: one per 500 clients; ping: one)")
      ->type_name("N")
      ->check(CLI::Range(1, 1000))
      ->group(group_load);
  app.add_option(
         "--shard", options.shard,
         "This is copy I of N runs of the same command on N hosts (0 <= I < N): client indexes, ids and "
         "%i start at I x --clients, so copies never collide; merge their --json reports")
      ->type_name("I/N")
      ->group(group_load);
  app.add_option("--shard-count", options.shard_count,
                 "N copies, this one's index I taken from JOB_COMPLETION_INDEX (a Kubernetes indexed job)")
      ->type_name("N")
      ->group(group_load);

  app.add_option("--json", options.json,
                 "Write the full summary, histograms included, as JSON to FILE ('-': stdout)")
      ->type_name("FILE")
      ->group(group_report);
  app.add_option(
         "--csv", options.csv,
         "Write one row per second to FILE: elapsed, connected, sent, received, rates, p50, p99, errors, "
         "reconnects")
      ->type_name("FILE")
      ->group(group_report);
  app.add_option(
         "--fail-if", options.fail_if,
         "Exit 49 if any gate holds at the end, e.g. 'p99>50ms,loss>0' (METRIC OP VALUE; metrics p50 p90 "
         "p99 p999 max loss duplicates reorder errors rate; OP > >= < <= ==)")
      ->type_name("GATES")
      ->group(group_report);
}

}  // namespace mq::mqbench
