#include "mqsub/options.hpp"

#include "mq/cli/connection_cli.hpp"
#include "mq/cli/message_options.hpp"
#include "mq/cli/value_checks.hpp"

namespace mq::mqsub {
namespace {
constexpr const char* group_subscription = "Subscription";
constexpr const char* group_selection = "Choosing messages";
constexpr const char* group_output = "Output";
constexpr const char* group_ending = "Ending the run";
constexpr const char* group_session = "Lost connections";

void define_subscription(CLI::App& app, Options& options) {
  app.add_option("-t,--topic", options.topics, "Subscribe to this topic filter (repeatable)")
      ->type_name("FILTER")
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->group(group_subscription);
  app.add_option("-U,--unsubscribe", options.unsubscribe,
                 "Unsubscribe from this filter after connecting, e.g. to trim a -c session (repeatable)")
      ->type_name("FILTER")
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->group(group_subscription);
  cli::add_qos_option(app, options.qos, "Quality of service of the subscriptions: 0, 1 or 2 (default: 0)")
      ->group(group_subscription);
  app.add_flag("--retain-as-published", options.retain_as_published,
               "MQTT 5: keep the retain flag as the publisher set it")
      ->group(group_subscription);
  app.add_option(
         "--retain-handling", options.retain_handling,
         "MQTT 5: when the broker sends retained messages: always, new (new subscriptions only), never")
      ->type_name("WHEN")
      ->check(CLI::IsMember({"always", "new", "never", "0", "1", "2"}))
      ->group(group_subscription);
  app.add_flag("--no-local", options.no_local, "MQTT 5: do not receive messages published with our client id")
      ->group(group_subscription);
}

void define_selection(CLI::App& app, Options& options) {
  app.add_option("-T,--filter-out", options.filter_out,
                 "Do not print messages whose topic matches FILTER (repeatable)")
      ->type_name("FILTER")
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->group(group_selection);
  app.add_flag("-R,--no-retained", options.no_stale_retained, "Do not print stale retained messages")
      ->group(group_selection);
  app.add_flag(
         "--retained-only", options.retained_only,
         "Print only retained messages; exit at the first live one or once the retained ones are all in")
      ->group(group_selection);
  app.add_flag("--remove-retained", options.remove_retained,
               "Clear each retained message received (publishes an empty retained message to its topic)")
      ->group(group_selection);
  app.add_option("--random-filter", options.random_percent,
                 "Print only this percentage of messages, at random")
      ->type_name("PERCENT")
      ->check(CLI::Range(0.1, 100.0))
      ->group(group_selection);
  app.add_option("--grep", options.grep, "Print only messages whose payload matches REGEX (anywhere)")
      ->type_name("REGEX")
      ->group(group_selection);
  app.add_option("--grep-v", options.grep_invert, "Print only messages whose payload does not match REGEX")
      ->type_name("REGEX")
      ->group(group_selection);
  app.add_option("--regex-syntax", options.regex_syntax,
                 "Syntax of --grep/--grep-v: ecmascript (default, as JavaScript) or posix (POSIX extended, "
                 "as grep -E); back-references are not supported, which keeps matching linear in the payload")
      ->type_name("SYNTAX")
      ->check(CLI::IsMember({"ecmascript", "posix"}))
      ->group(group_selection);
}

void define_output(CLI::App& app, Options& options) {
  app.add_flag("-v,--verbose", options.verbose, "Print the topic before each payload")->group(group_output);
  app.add_flag("-N,--no-newline", options.no_newline, "Do not add a newline after each message")
      ->group(group_output);
  app.add_flag("-0,--null-data", options.null_separated, "End each message with a NUL byte (for xargs -0)")
      ->group(group_output);
  app.add_option("-F,--format", options.format,
                 "Print each message with this format (%t topic, %p payload, ...)")
      ->type_name("FORMAT")
      ->group(group_output);
  app.add_flag("--json", options.json, "Print each message as one JSON object per line (for jq)")
      ->group(group_output);
  app.add_flag("--pretty", options.pretty, "Indent the JSON of %j, %J and --json")->group(group_output);
}

void define_ending(CLI::App& app, Options& options) {
  app.add_option("-C,--count", options.count,
                 "Exit after N messages (only messages that pass the filters count)")
      ->type_name("N")
      ->check(CLI::Validator(
          [](std::string& text) -> std::string {
            // CLI11's own range message prints the largest double; say it plainly.
            return text.find_first_not_of("0123456789") == std::string::npos &&
                           text.find_first_not_of('0') != std::string::npos
                       ? std::string()
                       : "'" + text + "' is not a count of 1 or more";
          },
          "", "count"))
      ->group(group_ending);
  cli::add_timeout_option(app, options.timeout, "Exit with status 27 if the run is not done after this long")
      ->group(group_ending);
  app.add_option("--idle-timeout", options.idle_timeout,
                 "Exit with status 48 when no message was printed for this long")
      ->type_name("DURATION")
      ->check(cli::duration_check())
      ->group(group_ending);
  app.add_flag("-E,--exit-after-subscribe", options.exit_after_subscribe,
               "Exit once the subscriptions are made")
      ->group(group_ending);
}

void define_session(CLI::App& app, Options& options) {
  app.add_option("--reconnect-delay", options.reconnect_delay,
                 "Wait between reconnect attempts: MIN, or MIN,MAX to back off (default: 1s,60s)")
      ->type_name("MIN[,MAX]")
      ->group(group_session);
  app.add_flag("--no-reconnect", options.no_reconnect, "Exit with status 45 when the connection is lost")
      ->group(group_session);
}

}  // namespace

void define_cli(CLI::App& app, Options& options) {
  cli::add_connection_options(app, options.connection);
  define_subscription(app, options);
  define_selection(app, options);
  define_output(app, options);
  define_ending(app, options);
  define_session(app, options);
}

}  // namespace mq::mqsub
