#include "mqpub/options.hpp"

#include "mq/cli/connection_cli.hpp"
#include "mq/cli/message_options.hpp"
#include "mq/cli/value_checks.hpp"

namespace mq::mqpub {
namespace {
constexpr const char* group_message = "Message";
constexpr const char* group_stream = "Line mode";
constexpr const char* group_delivery = "Delivery";
constexpr const char* group_request = "Request/response (mosquitto_rr)";
}  // namespace

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
  app.add_flag("-n,--null-message", options.null_message, "Send a zero-length message")->group(group_message);
  cli::add_qos_option(app, options.qos, "Quality of service: 0, 1 or 2 (default: 0)")->group(group_message);
  app.add_flag("-r,--retain", options.retain, "Ask the broker to retain the message (-r -n clears it)")
      ->group(group_message);
  app.add_option("--repeat", options.repeat, "Publish the message N times (default: 1)")
      ->type_name("N")
      ->check(CLI::PositiveNumber)
      ->group(group_message);
  app.add_option("--repeat-delay", options.repeat_delay, "Wait this long between repeats (seconds or 500ms, ...)")
      ->type_name("DURATION")
      ->check(cli::duration_check())
      ->group(group_message);

  app.add_flag("-l,--stdin-line", options.stdin_lines,
               "Send each line of standard input as a message, as soon as it is read")
      ->group(group_stream);
  app.add_flag("-0,--null-data", options.null_separated, "Records on stdin end with NUL, not newline (implies -l)")
      ->group(group_stream);
  app.add_option("--rate", options.rate, "At most this many messages, e.g. 10/s, 600/m, 1/h (-l and --repeat)")
      ->type_name("N/s")
      ->group(group_stream);
  app.add_option("--topic-from-line", options.topic_separator,
                 "Each line is TOPIC<SEP>PAYLOAD, e.g. --topic-from-line '\\t' (-l)")
      ->type_name("SEP")
      ->group(group_stream);

  app.add_option("-M,--max-inflight", options.max_inflight,
                 "At most N QoS 1/2 messages awaiting acknowledgement (default: 20)")
      ->type_name("N")
      ->check(CLI::Range(1, 65535))
      ->group(group_delivery);
  app.add_flag("-v,--verbose", options.verbose,
               "Print one line per acknowledged message on stderr; with --rr, print the response's topic too")
      ->group(group_delivery);
  app.add_option("--retry-connect", options.retry_connect,
                 "If the broker is down at start, retry N times (or 'forever') with backoff")
      ->type_name("N|forever")
      ->group(group_delivery);

  app.add_flag("--rr", options.request_response,
               "Request/response: publish with a response topic and wait for the answer (MQTT 5)")
      ->group(group_request);
  app.add_option("-e,--response-topic", options.response_topic, "Topic the response is expected on (--rr)")
      ->type_name("TOPIC")
      ->group(group_request);
  cli::add_timeout_option(app, options.timeout, "Give up waiting for the response after this long: exit 27")
      ->group(group_request);
  app.add_option("-F,--format", options.format, "Print the response with this format (see mqsub -F)")
      ->type_name("FORMAT")
      ->group(group_request);
  app.add_flag("-N,--no-newline", options.no_newline, "Do not add a newline after the response")
      ->group(group_request);
}

}  // namespace mq::mqpub
