#include "mqpub/options.hpp"

#include "mq/cli/connection_cli.hpp"
#include "mq/cli/value_checks.hpp"

namespace mq::mqpub {
namespace {
constexpr const char* group_message = "Message";
}

void define_cli(CLI::App& app, Options& options) {
  cli::add_connection_options(app, options.connection);
  app.add_option("-t,--topic", options.topic, "Topic to publish to (or the /topic of -L)")
      ->type_name("TOPIC")
      ->group(group_message);
  app.add_option("-m,--message", options.message, "Send this message")->type_name("TEXT")->group(group_message);
  app.add_option("-f,--file", options.file, "Send the contents of FILE as one message (binary-safe)")
      ->type_name("FILE")
      ->group(group_message);
  app.add_flag("-s,--stdin-file", options.whole_stdin, "Send all of standard input as one message")
      ->group(group_message);
  app.add_flag("-l,--stdin-line", options.stdin_lines, "Send each line of standard input as a message")
      ->group(group_message);
  app.add_flag("-n,--null-message", options.null_message, "Send a zero-length message")->group(group_message);
  app.add_option("-q,--qos", options.qos, "Quality of service: 0, 1 or 2 (default: 0)")
      ->type_name("QOS")
      ->check(CLI::Range(0, 2))
      ->group(group_message);
  app.add_flag("-r,--retain", options.retain, "Ask the broker to retain the message")->group(group_message);
  app.add_option("--repeat", options.repeat, "Publish the message N times (default: 1)")
      ->type_name("N")
      ->check(CLI::PositiveNumber)
      ->group(group_message);
  app.add_option("--repeat-delay", options.repeat_delay, "Wait this long between repeats (seconds or 500ms, ...)")
      ->type_name("DURATION")
      ->check(cli::duration_check())
      ->group(group_message);
  app.add_option("-M,--max-inflight", options.max_inflight,
                 "At most N QoS 1/2 messages awaiting acknowledgement (default: 20)")
      ->type_name("N")
      ->check(CLI::Range(1, 65535))
      ->group(group_message);
  app.add_flag("--verbose", options.verbose, "Print one line per acknowledged message on stderr")
      ->group(group_message);
}

}  // namespace mq::mqpub
