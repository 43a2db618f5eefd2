#include "mqpub/mqpub.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <optional>
#include <string>
#include <vector>

#include "mq/cli/tool_runner.hpp"
#include "mq/core/error.hpp"
#include "mq/core/exit_status.hpp"
#include "mq/core/packet_size.hpp"
#include "mq/core/resolve.hpp"
#include "mq/core/signals.hpp"
#include "mq/core/topic.hpp"
#include "mq/wire/client.hpp"
#include "mqpub/line_reader.hpp"
#include "mqpub/line_topic.hpp"
#include "mqpub/options.hpp"
#include "mqpub/paho_engine.hpp"
#include "mqpub/publisher.hpp"
#include "mqpub/rate.hpp"

namespace mq::mqpub {
namespace {

constexpr cli::ToolDescription tool{"mqpub", "Publish MQTT messages: a message, a file, stdin or one message per line"};

[[noreturn]] void usage_error(const std::string& what, const std::string& why, const std::string& hint = {}) {
  throw Error(exit_status::usage, what, why, hint);
}

void check_message_source(const Options& options) {
  std::vector<std::string> given;
  if (options.message) given.emplace_back("-m");
  if (options.file) given.emplace_back("-f");
  if (options.whole_stdin) given.emplace_back("-s");
  if (options.stdin_lines || options.null_separated) given.emplace_back(options.null_separated ? "-0" : "-l");
  if (options.null_message) given.emplace_back("-n");
  if (given.empty()) usage_error("message", "no message given", "use one of -m TEXT, -f FILE, -s, -l or -n");
  if (given.size() > 1)
    usage_error("message", fmt::format("{} given together", fmt::join(given, " and ")),
                "use exactly one of -m, -f, -s, -l or -n");
  const bool lines = options.stdin_lines || options.null_separated;
  if (lines && options.repeat > 1) usage_error("--repeat", "cannot be combined with -l", "repeat -m, -f, -s or -n");
  if (options.topic_separator && !lines) usage_error("--topic-from-line", "needs -l or -0");
  if (options.topic_separator && options.topic)
    usage_error("--topic-from-line", "given together with -t", "each line names its topic; drop -t");
  if (!options.request_response && (options.response_topic || options.timeout || options.format))
    usage_error(options.response_topic ? "-e" : (options.timeout ? "-W" : "-F"), "only applies to --rr",
                "add --rr for a request/response exchange");
}

// Reads everything from `fd` with read(2) in large blocks: -f of 256 MiB takes a fraction of a second (a
// character-by-character stream took tens of seconds under ASan).
std::string read_all(int fd, std::size_t expected_size, const std::string& what) {
  std::string data;
  data.reserve(expected_size);
  constexpr std::size_t block = 1 << 20;
  while (true) {
    const std::size_t used = data.size();
    data.resize(used + block);
    const ssize_t count = ::read(fd, data.data() + used, block);
    if (count < 0) {
      data.resize(used);
      if (errno == EINTR) continue;
      throw Error(exit_status::io_error, what, std::strerror(errno));
    }
    data.resize(used + static_cast<std::size_t>(count));
    if (count == 0) break;
  }
  return data;
}

std::string read_whole_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) usage_error(fmt::format("-f {}", path), std::strerror(errno), "check the path and its permissions");
  struct stat info {};
  const bool regular = ::fstat(fd, &info) == 0 && S_ISREG(info.st_mode);
  try {
    std::string data = read_all(fd, regular ? static_cast<std::size_t>(info.st_size) : 0, "-f");
    ::close(fd);
    return data;
  } catch (const Error& error) {  // a directory, say: the user's input, like a missing file
    ::close(fd);
    usage_error(fmt::format("-f {}", path), error.why(), "check the path and its permissions");
  }
}

std::string read_whole_stdin() { return read_all(STDIN_FILENO, 0, "reading standard input"); }

std::string single_payload(const Options& options) {
  if (options.message) return *options.message;
  if (options.file) return read_whole_file(*options.file);
  if (options.whole_stdin) return read_whole_stdin();
  return {};
}

// Weighs each message as the PUBLISH packet it becomes (topic, packet id and properties included) against
// MQTT's limit and the broker's Maximum Packet Size: a broker closes the connection on a bigger packet.
class PacketLimit {
 public:
  PacketLimit(const ResolvedConnection& connection, int qos, const MessageProperties* properties)
      : qos_(qos),
        properties_(connection.version == ProtocolVersion::v5 ? (properties ? properties : &none_) : nullptr) {}
  PacketLimit(const PacketLimit&) = delete;  // properties_ may point at this object's none_
  PacketLimit& operator=(const PacketLimit&) = delete;

  void set_broker_limit(std::uint64_t bytes) { broker_limit_ = bytes; }

  // Empty when the message fits; otherwise why not, and the exit status that goes with it.
  std::optional<Error> check(std::string_view topic, std::size_t payload_bytes) const {
    const auto size = publish_packet_size(topic.size(), payload_bytes, qos_, properties_);
    if (size.remaining_length > mqtt_max_remaining_length)
      return Error(exit_status::usage, "message",
                   fmt::format("a {}-byte PUBLISH ({} bytes of payload) is more than MQTT allows", size.total,
                               payload_bytes),
                   fmt::format("topic, properties and payload together can be at most {} bytes",
                               mqtt_max_remaining_length));
    if (size.total > broker_limit_)
      return Error(exit_status::publish_rejected, "message",
                   fmt::format("a {}-byte PUBLISH ({} bytes of payload) is more than the broker accepts ({} bytes)",
                               size.total, payload_bytes, broker_limit_));
    return std::nullopt;
  }

  void require(std::string_view topic, std::size_t payload_bytes) const {
    if (auto error = check(topic, payload_bytes)) throw *error;
  }

 private:
  int qos_;
  MessageProperties none_;  // MQTT 5 without -D publish: the packet still carries an empty property list
  const MessageProperties* properties_;
  std::uint64_t broker_limit_ = UINT64_MAX;
};

int report(const PublishSummary& summary, SignalWatcher& signals, int qos, const std::string& what,
           bool stream = false) {
  std::fflush(stdout);
  if (summary.lost_qos0 > 0)
    fmt::print(stderr, "mqpub: warning: {} QoS 0 message{} lost while the connection was down\n", summary.lost_qos0,
               summary.lost_qos0 == 1 ? " was" : "s were");
  if (summary.rejected > 0)
    throw Error(exit_status::publish_rejected, what,
                fmt::format("the broker rejected {} message{}: {}", summary.rejected, summary.rejected == 1 ? "" : "s",
                            summary.first_rejection),
                summary.first_rejection_code == 0x87 ? "the broker's ACL denies this topic to this client" : "");
  if (qos > 0 && summary.unacknowledged > 0) {
    const std::string why = fmt::format("{} message{} not acknowledged", summary.unacknowledged,
                                        summary.unacknowledged == 1 ? " was" : "s were");
    if (signals.interrupted()) throw Error(exit_status::interrupted, "interrupted", why);
    throw Error(exit_status::not_acknowledged, what, why, summary.connection_lost ? "the connection was lost" : "");
  }
  if (signals.interrupted()) return exit_status::interrupted;
  // A stream (-l) reconnects and counts QoS 0 losses above; a single message lost with the connection fails.
  if (summary.connection_lost && !stream && (summary.acknowledged == 0 || summary.lost_qos0 > 0))
    throw Error(exit_status::connection_lost, what, "the connection to the broker was lost");
  return exit_status::ok;
}

int retry_count(const Options& options) {
  if (!options.retry_connect) return 0;
  if (*options.retry_connect == "forever") return -1;
  try {
    const int count = std::stoi(*options.retry_connect);
    if (count >= 0) return count;
  } catch (const std::exception&) {
  }
  usage_error(fmt::format("--retry-connect {}", *options.retry_connect), "not a count",
              "use a number of retries or 'forever'");
}

int publish_lines(const Options& options, Publisher& publisher, SignalWatcher& signals, const std::string& topic,
                  const MessageProperties* properties, const PacketLimit& limit) {
  std::optional<RateSchedule> schedule;
  if (options.rate) schedule.emplace(*parse_rate(*options.rate));
  std::string separator;
  if (options.topic_separator) separator = *parse_separator(*options.topic_separator);
  LineReader reader(0, options.null_separated ? '\0' : '\n');
  reader.before_waiting([&publisher] { publisher.flush(); });
  std::string line;
  long index = 0;
  long bad_lines = 0;
  long line_number = 0;
  const auto should_stop = [&] { return signals.interrupted() || publisher.stopped(); };
  while (reader.next(line, should_stop) == LineReader::Result::record) {
    ++line_number;
    if (schedule) {
      publisher.flush();  // paced messages go out one by one
      if (!schedule->wait_for(index, should_stop)) break;
    }
    ++index;
    std::string_view line_topic = topic;
    std::string_view payload = line;
    if (options.topic_separator) {
      const auto split = split_line(line, separator);
      if (!split) {
        fmt::print(stderr, "mqpub: warning: line {}: {}; not sent\n", line_number, split.error());
        ++bad_lines;
        continue;
      }
      line_topic = split->topic;
      payload = split->payload;
    }
    if (const auto too_big = limit.check(line_topic, payload.size())) {
      fmt::print(stderr, "mqpub: warning: line {}: {}; not sent\n", line_number, too_big->why());
      ++bad_lines;
      continue;
    }
    if (options.topic_separator) {
      if (!publisher.publish(std::string(line_topic), payload, properties)) break;
    } else {
      if (!publisher.publish(topic, payload, properties)) break;
    }
  }
  publisher.drain();
  const int status = report(publisher.finish(), signals, options.qos, "publishing lines", true);
  if (bad_lines > 0 && status == exit_status::ok)
    throw Error(exit_status::invalid_data, "input", fmt::format("{} line{} not sent", bad_lines,
                                                                bad_lines == 1 ? " was" : "s were"),
                "see the warnings above");
  return status;
}

int run(const Options& options, const PahoEngine* paho, const std::vector<std::string>& original_arguments) {
  check_message_source(options);
  if (options.rate) {
    if (auto rate = parse_rate(*options.rate); !rate) usage_error(fmt::format("--rate {}", *options.rate), rate.error());
  }
  if (options.topic_separator) {
    if (auto separator = parse_separator(*options.topic_separator); !separator)
      usage_error("--topic-from-line", separator.error());
  }
  const int retries = retry_count(options);
  const auto connection = resolve_connection(options.connection, {"mqpub", false});
  const bool with_paho = needs_paho(options, connection);
  // Before any input is read or signal handling set up: the other executable starts afresh.
  if (with_paho && paho == nullptr) exec_paho_variant(original_arguments);
  if (paho != nullptr) paho->prepare_process(options.connection.debug);
  SignalWatcher signals;
  std::string topic;
  if (options.topic) {
    topic = *options.topic;
  } else if (connection.url_topic) {
    topic = *connection.url_topic;
  } else if (!options.topic_separator) {
    usage_error("topic", "no topic given", "use -t TOPIC or -L mqtt://host/TOPIC");
  }
  if (!topic.empty()) {
    if (auto valid = validate_topic_name(topic); !valid) usage_error(fmt::format("-t '{}'", topic), valid.error());
  }
  if (connection.tls.insecure && !connection.quiet)
    cli::print_warning("mqpub", "--insecure: the broker's host name is not checked against its certificate");
  const MessageProperties* properties =
      connection.properties.publish.empty() ? nullptr : &connection.properties.publish;

  PacketLimit limit(connection, options.qos, properties);
  if (options.request_response) {
    const std::string payload = single_payload(options);
    limit.require(topic, payload.size());
    return paho->request_response(options, connection, topic, payload, signals);
  }

  const bool lines = options.stdin_lines || options.null_separated;
  std::string payload;
  if (!lines) {
    payload = single_payload(options);
    limit.require(topic, payload.size());
  }
  PublisherSettings settings;
  settings.qos = options.qos;
  settings.retain = options.retain;
  settings.max_inflight = options.max_inflight;
  settings.survive_disconnects = lines;
  settings.verbose = options.verbose;
  settings.retry_connect = retries;
  auto client = with_paho ? paho->make_client(connection, publisher_client_settings(settings))
                          : std::make_unique<wire::Client>(connection, publisher_client_settings(settings));
  Publisher publisher(connection, settings, signals, std::move(client));
  publisher.connect();
  if (const auto broker_limit = publisher.max_packet_size()) limit.set_broker_limit(*broker_limit);
  if (lines) return publish_lines(options, publisher, signals, topic, properties, limit);

  limit.require(topic, payload.size());
  std::optional<RateSchedule> schedule;
  if (options.rate) schedule.emplace(*parse_rate(*options.rate));
  const Duration delay = options.repeat_delay ? *parse_duration(*options.repeat_delay) : Duration{0};
  const auto should_stop = [&] { return signals.interrupted() || publisher.stopped(); };
  for (int i = 0; i < options.repeat; ++i) {  // publish() itself notices a stop and counts what it could not send
    if (schedule || delay.count() > 0) publisher.flush();  // paced messages go out one by one
    if (schedule && !schedule->wait_for(i, should_stop)) break;
    if (i > 0 && delay.count() > 0) {
      const auto until = std::chrono::steady_clock::now() + delay;
      while (std::chrono::steady_clock::now() < until && !should_stop())
        std::this_thread::sleep_for(std::min<Duration>(until - std::chrono::steady_clock::now(),
                                                       std::chrono::milliseconds(100)));
    }
    if (!publisher.publish(topic, payload, properties)) break;
  }
  publisher.drain();
  return report(publisher.finish(), signals, options.qos, fmt::format("publishing to '{}'", topic));
}

}  // namespace

int main(int argc, char** argv, const PahoEngine* paho, bool handed_over) {
  Options options;
  // Copied before run_tool wipes the passwords out of argv: a hand-over to mqpub-paho needs them.
  std::vector<std::string> original_arguments;
  if (paho == nullptr) original_arguments.assign(argv + 1, argv + argc);
  const auto version_text = [&]() -> std::string {
    if (paho == nullptr) exec_paho_variant(original_arguments);  // it names the Paho and OpenSSL versions
    return paho->version_text();
  };
  return cli::run_tool(tool, argc, argv,
                       {[&](CLI::App& app) { define_cli(app, options); },
                        [&] { return run(options, paho, original_arguments); }, version_text, handed_over});
}

}  // namespace mq::mqpub
