#include "mqsub/mqsub.hpp"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <random>

#include "mq/cli/tool_runner.hpp"
#include "mq/core/error.hpp"
#include "mq/core/exit_status.hpp"
#include "mq/core/resolve.hpp"
#include "mq/core/signals.hpp"
#include "mq/core/topic.hpp"
#include "mq/output/writer.hpp"
#include "mq/paho/client.hpp"
#include "mqsub/option_values.hpp"
#include "mqsub/options.hpp"
#include "mqsub/session.hpp"

namespace mq::mqsub {
namespace {

constexpr cli::ToolDescription tool{"mqsub", "Subscribe to MQTT topics and print the messages"};

[[noreturn]] void usage_error(const std::string& what, const std::string& why, const std::string& hint = {}) {
  throw Error(exit_status::usage, what, why, hint);
}

template <typename T>
T value_or_usage_error(tl::expected<T, std::string> parsed, const std::string& what) {
  if (!parsed) usage_error(what, parsed.error());
  return std::move(*parsed);
}

// A 64 KiB filter must not fill the terminal: long ones are shown by their start and length.
std::string filter_for_message(const std::string& filter) {
  constexpr std::size_t shown = 40;
  if (filter.size() <= shown) return fmt::format("'{}'", filter);
  return fmt::format("'{}...' ({} bytes)", filter.substr(0, shown), filter.size());
}

void check_filters(const std::vector<std::string>& filters, std::string_view option) {
  for (const auto& filter : filters)
    if (auto valid = validate_topic_filter(filter); !valid)
      usage_error(fmt::format("{} {}", option, filter_for_message(filter)), valid.error());
}

bool is_pipe_or_socket(int fd) {
  struct stat status {};
  return ::fstat(fd, &status) == 0 && (S_ISFIFO(status.st_mode) || S_ISSOCK(status.st_mode));
}

// Fixed per client id, so a persistent session (-c -i ID) keeps one marker subscription, not one per run.
std::string marker_topic_for(const std::string& client_id) {
  if (!client_id.empty() && client_id.find_first_of("+#/") == std::string::npos)
    return "mqsub/marker/" + client_id;
  std::random_device random;
  return fmt::format("mqsub/marker/{:08x}{:08x}", random(), random());
}

PrintSettings print_settings(const Options& options) {
  if (options.format && options.json) usage_error("-F and --json", "choose one output form");
  if (options.no_newline && options.null_separated) usage_error("-N and -0", "choose one record end");
  PrintSettings settings;
  settings.pretty = options.pretty;
  settings.record_end = options.no_newline ? "" : options.null_separated ? std::string(1, '\0') : "\n";
  if (options.format) {
    settings.style = PrintStyle::format;
    settings.format_text = *options.format;
  } else if (options.json) {
    settings.style = PrintStyle::json;
  } else if (options.verbose) {
    settings.style = PrintStyle::topic_and_payload;
  }
  return settings;
}

Selection selection(const Options& options) {
  Selection chosen;
  chosen.excluded_filters = options.filter_out;
  chosen.skip_retained = options.no_stale_retained;
  chosen.keep_percent = options.random_percent;
  const auto syntax = value_or_usage_error(parse_regex_syntax(options.regex_syntax), "--regex-syntax");
  if (options.grep)
    chosen.payload_must_match =
        value_or_usage_error(compile_payload_pattern(*options.grep, syntax), "--grep");
  if (options.grep_invert)
    chosen.payload_must_not_match =
        value_or_usage_error(compile_payload_pattern(*options.grep_invert, syntax), "--grep-v");
  return chosen;
}

void warn_v5_only(const Options& options, const ResolvedConnection& connection) {
  if (connection.version == ProtocolVersion::v5 || connection.quiet) return;
  if (options.retain_as_published || options.retain_handling || options.no_local)
    cli::print_warning("mqsub",
                       "--retain-as-published, --retain-handling and --no-local need MQTT 5 (-V 5): ignored");
}

SessionSettings session_settings(const Options& options, const ResolvedConnection& connection,
                                 std::vector<std::string> filters) {
  SessionSettings settings;
  const int retain_handling =
      options.retain_handling
          ? value_or_usage_error(parse_retain_handling(*options.retain_handling), "--retain-handling")
          : 0;
  for (auto& filter : filters)
    settings.subscriptions.push_back(
        {std::move(filter), options.qos, options.no_local, options.retain_as_published, retain_handling});
  settings.unsubscribe_filters = options.unsubscribe;
  settings.subscription_identifier = connection.properties.subscribe.subscription_identifier;
  settings.subscribe_user_properties = connection.properties.subscribe.user_properties;
  settings.exit_after_subscribe = options.exit_after_subscribe || settings.subscriptions.empty();
  if (options.timeout)
    settings.timeout = value_or_usage_error(parse_positive_duration(*options.timeout), "--timeout");
  if (options.idle_timeout)
    settings.idle_timeout =
        value_or_usage_error(parse_positive_duration(*options.idle_timeout), "--idle-timeout");
  if (options.count) settings.count = *options.count;
  if (options.no_reconnect && options.reconnect_delay)
    usage_error("--no-reconnect and --reconnect-delay", "choose one");
  settings.reconnect = !options.no_reconnect;
  if (options.reconnect_delay) {
    const auto delay =
        value_or_usage_error(parse_reconnect_delay(*options.reconnect_delay), "--reconnect-delay");
    settings.reconnect_min = delay.minimum;
    settings.reconnect_max = delay.maximum;
  }
  settings.retained_only = options.retained_only;
  settings.marker_topic = marker_topic_for(connection.client_id);
  settings.watch_output = is_pipe_or_socket(STDOUT_FILENO);
  settings.quiet = connection.quiet;
  return settings;
}

int run(const Options& options) {
  SignalWatcher signals;
  paho::prepare_process(options.connection.debug);
  const auto connection = resolve_connection(options.connection, {"mqsub", true});
  std::vector<std::string> filters = options.topics;
  if (filters.empty() && connection.url_topic) filters.push_back(*connection.url_topic);
  if (filters.empty() && options.unsubscribe.empty())
    usage_error("topic", "no topic filter given", "use -t FILTER (repeatable) or -L mqtt://host/FILTER");
  check_filters(filters, "-t");
  check_filters(options.filter_out, "-T");
  check_filters(options.unsubscribe, "-U");
  if (options.count && *options.count < 1) usage_error("--count", "the count must be 1 or more");
  auto printer = value_or_usage_error(MessagePrinter::create(print_settings(options)), "-F");
  MessageFilter filter(selection(options));
  const SessionSettings settings = session_settings(options, connection, std::move(filters));
  warn_v5_only(options, connection);
  if (connection.tls.insecure && !connection.quiet)
    cli::print_warning("mqsub", "--insecure: the broker's host name is not checked against its certificate");

  PrintLoopSettings loop_settings;
  if (options.count) loop_settings.count = *options.count;
  loop_settings.retained_only = options.retained_only;
  loop_settings.remove_retained = options.remove_retained;
  loop_settings.marker_topic = settings.marker_topic;
  output::Writer writer(STDOUT_FILENO);
  PrintLoop print_loop(loop_settings, std::move(filter), std::move(printer), writer);
  return run_session(connection, settings, print_loop, signals);
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  return cli::run_tool(tool, argc, argv,
                       {[&](CLI::App& app) { define_cli(app, options); }, [&] { return run(options); },
                        [] { return paho::version_text("mqsub"); }});
}

}  // namespace mq::mqsub
