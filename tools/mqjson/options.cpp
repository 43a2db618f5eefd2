#include "mqjson/options.hpp"

#include "mq/cli/connection_cli.hpp"
#include "mq/cli/message_options.hpp"
#include "mq/cli/value_checks.hpp"

namespace mq::mqjson {

void define_cli(CLI::App& app, Options& options) {
  cli::add_connection_options(app, options.connection);
  app.add_option("-t,--topic", options.topics, "Subscribe to this topic filter instead of reading stdin (repeatable)")
      ->type_name("FILTER")
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->group("Subscription");
  cli::add_qos_option(app, options.qos, "QoS of the subscriptions: 0, 1 or 2 (default: 0)")->group("Subscription");
  cli::add_timeout_option(app, options.timeout, "Exit with status 27 if not done after this long (with -t)")
      ->group("Subscription");
  app.add_option(
         "fields", options.arguments,
         "Fields to print: .a.b, .a[0], .a[-1], .[\"k\"], .a[], /a/b/0, $topic, $topic[N], $qos, $retain, "
         "$mid, $time, $prop.NAME, optionally as name=PATH (default: .); with --build, key=value words")
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->type_name("FIELD");
  app.add_flag(
      "--envelope", options.envelope,
      "Each input line is an mqsub --json line; paths look into its payload, $ fields into the rest");
  auto* csv = app.add_flag("--csv", options.csv, "Several fields as CSV rows, like jq's @csv");
  auto* json =
      app.add_flag("--json", options.json, "One JSON object per row, keyed by the paths or name= labels");
  csv->excludes(json);
  app.add_flag("-0,--null-data", options.null_separated, "Records in and out end with NUL, not newline");
  app.add_option(
         "--where", options.where,
         "Keep messages where EXPR holds: comparisons (== != < <= > >=), exists(PATH), "
         "PATH =~ \"regex\" (ECMAScript, no back-references), and, or, not, ( )")
      ->type_name("EXPR");
  app.add_option("-C,--count", options.count, "Exit after N matching messages")->type_name("N");
  app.add_flag("--require", options.require, "A missing field makes the message invalid (see --on-invalid)");
  app.add_option(
         "--on-invalid", options.on_invalid,
         "Invalid payload: skip it (a warning each, a count at exit; exit 0), print a null row, or fail "
         "at once with exit 47")
      ->check(CLI::IsMember({"skip", "null", "fail"}))
      ->type_name("MODE");
  app.add_flag(
      "--build", options.build,
      "Print one JSON object built from key=value, key:=JSON and key@=text words (@now, @epoch, @epoch_ms)");
  app.add_flag("-l,--stdin-line", options.stdin_lines, "With --build: one object per input line of words");
}

}  // namespace mq::mqjson
