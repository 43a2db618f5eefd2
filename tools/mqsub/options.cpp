#include "mqsub/options.hpp"

#include "mq/cli/connection_cli.hpp"
#include "mq/cli/value_checks.hpp"

namespace mq::mqsub {
namespace {
constexpr const char* group_subscription = "Subscription";
constexpr const char* group_output = "Output";
constexpr const char* group_ending = "Ending the run";
}  // namespace

void define_cli(CLI::App& app, Options& options) {
  cli::add_connection_options(app, options.connection);
  app.add_option("-t,--topic", options.topics, "Subscribe to this topic filter (repeatable)")
      ->type_name("FILTER")
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->group(group_subscription);
  app.add_option("-T,--filter-out", options.filter_out, "Do not print messages whose topic matches FILTER (repeatable)")
      ->type_name("FILTER")
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->group(group_subscription);
  app.add_option("-q,--qos", options.qos, "Quality of service of the subscriptions: 0, 1 or 2 (default: 0)")
      ->type_name("QOS")
      ->check(CLI::Range(0, 2))
      ->group(group_subscription);
  app.add_flag("-R,--no-retained", options.no_stale_retained, "Do not print stale retained messages")
      ->group(group_subscription);
  app.add_flag("--retained-only", options.retained_only, "Print only retained messages; exit at the first live one")
      ->group(group_subscription);
  app.add_flag("-v,--verbose", options.verbose, "Print the topic before each payload")->group(group_output);
  app.add_flag("-N,--no-newline", options.no_newline, "Do not add a newline after each message")->group(group_output);
  app.add_option("-C,--count", options.count, "Exit after N messages")
      ->type_name("N")
      ->check(CLI::PositiveNumber)
      ->group(group_ending);
  app.add_option("-W,--timeout", options.timeout, "Exit with status 27 if the run is not done after this long")
      ->type_name("DURATION")
      ->check(cli::duration_check())
      ->group(group_ending);
  app.add_flag("-E,--exit-after-subscribe", options.exit_after_subscribe, "Exit once the subscriptions are made")
      ->group(group_ending);
}

}  // namespace mq::mqsub
