#include "mqpub/mqpub.hpp"

#include <unistd.h>

#include <fmt/format.h>
#include <fstream>
#include <iterator>
#include <sstream>
#include <thread>

#include "mq/cli/tool_runner.hpp"
#include "mq/core/error.hpp"
#include "mq/core/exit_status.hpp"
#include "mq/core/resolve.hpp"
#include "mq/core/signals.hpp"
#include "mq/core/topic.hpp"
#include "mq/paho/client.hpp"
#include "mqpub/delivery_tracker.hpp"
#include "mqpub/line_reader.hpp"
#include "mqpub/options.hpp"

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
  if (options.stdin_lines) given.emplace_back("-l");
  if (options.null_message) given.emplace_back("-n");
  if (given.empty()) usage_error("message", "no message given", "use one of -m TEXT, -f FILE, -s, -l or -n");
  if (given.size() > 1)
    usage_error("message", fmt::format("{} given together", fmt::join(given, " and ")),
                "use exactly one of -m, -f, -s, -l or -n");
  if (options.stdin_lines && options.repeat > 1)
    usage_error("--repeat", "cannot be combined with -l", "repeat applies to -m, -f, -s and -n");
}

std::string read_whole_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) usage_error(fmt::format("-f {}", path), std::strerror(errno), "check the path and its permissions");
  return std::string(std::istreambuf_iterator<char>(file), {});
}

std::string read_whole_stdin() {
  std::string data;
  char buffer[65536];
  while (true) {
    const ssize_t count = ::read(0, buffer, sizeof(buffer));
    if (count < 0) {
      if (errno == EINTR) continue;
      throw Error(exit_status::io_error, "reading standard input", std::strerror(errno));
    }
    if (count == 0) break;
    data.append(buffer, static_cast<std::size_t>(count));
  }
  return data;
}

class Publisher {
 public:
  Publisher(const Options& options, const ResolvedConnection& connection, const std::string& topic)
      : options_(options),
        publish_properties_(connection.properties.publish.empty() ? nullptr : &connection.properties.publish),
        topic_(topic),
        tracker_(options.qos > 0 ? options.max_inflight : 1000),
        client_(connection, settings_for(options)) {}

  int run(SignalWatcher& signals) {
    signals.on_signal([this](int) { tracker_.stop(); });
    client_.on_delivery([this](const paho::Delivery& delivery) {
      if (options_.verbose && delivery.ok) fmt::print(stderr, "mqpub: acknowledged message {}\n", delivery.token);
      tracker_.delivered(delivery);
    });
    client_.on_connection_lost([this](const std::string&) {
      lost_ = true;
      tracker_.stop();
    });
    const auto connack = client_.connect();
    if (options_.qos > 0) tracker_.set_window(std::min(options_.max_inflight, connack.receive_maximum));

    if (options_.stdin_lines) {
      publish_lines(signals);
    } else {
      publish_repeated(signals);
    }
    const bool all_acknowledged = tracker_.wait_until_drained();
    return finish(signals, all_acknowledged);
  }

 private:
  static paho::ClientSettings settings_for(const Options& options) {
    paho::ClientSettings settings;
    settings.tool = "mqpub";
    settings.max_inflight = options.max_inflight;
    settings.max_buffered = options.max_inflight + 16;
    return settings;
  }

  void publish_one(std::string_view payload) {
    tracker_.sent();
    try {
      client_.publish(topic_, payload, options_.qos, options_.retain, publish_properties_);
    } catch (...) {
      tracker_.delivered(paho::Delivery{0, false, 0, -1, "not sent"});
      throw;
    }
  }

  void publish_repeated(SignalWatcher& signals) {
    std::string payload;
    if (options_.message) payload = *options_.message;
    if (options_.file) payload = read_whole_file(*options_.file);
    if (options_.whole_stdin) payload = read_whole_stdin();
    Duration delay{0};
    if (options_.repeat_delay) delay = *parse_duration(*options_.repeat_delay);
    for (int i = 0; i < options_.repeat && !signals.interrupted() && !lost_; ++i) {
      if (i > 0 && delay.count() > 0) std::this_thread::sleep_for(delay);
      if (!tracker_.wait_for_slot()) break;
      publish_one(payload);
    }
  }

  void publish_lines(SignalWatcher& signals) {
    LineReader reader(0, '\n');
    std::string line;
    const auto should_stop = [&] { return signals.interrupted() || lost_.load(); };
    while (reader.next(line, should_stop) == LineReader::Result::record) {
      if (!tracker_.wait_for_slot()) break;
      publish_one(line);
    }
  }

  int finish(SignalWatcher& signals, bool all_acknowledged) {
    const long unacknowledged = tracker_.in_flight();
    client_.disconnect(std::chrono::seconds(1));
    std::fflush(stdout);
    if (tracker_.failed() > 0) {
      throw Error(exit_status::publish_rejected, fmt::format("publishing to '{}'", topic_),
                  fmt::format("the broker rejected {} message{}: {}", tracker_.failed(),
                              tracker_.failed() == 1 ? "" : "s", tracker_.first_failure()),
                  tracker_.first_failure_reason_code() == 0x87 ? "the broker's ACL denies this topic" : "");
    }
    if (options_.qos > 0 && unacknowledged > 0) {
      const std::string why =
          fmt::format("{} message{} not acknowledged", unacknowledged, unacknowledged == 1 ? " was" : "s were");
      if (signals.interrupted()) throw Error(exit_status::interrupted, "interrupted", why);
      throw Error(exit_status::not_acknowledged, fmt::format("publishing to '{}'", topic_), why,
                  lost_ ? "the connection was lost" : "");
    }
    if (signals.interrupted()) return exit_status::interrupted;
    if (lost_) throw Error(exit_status::connection_lost, "publishing", "the connection to the broker was lost");
    (void)all_acknowledged;
    return exit_status::ok;
  }

  const Options& options_;
  const MessageProperties* publish_properties_;
  std::string topic_;
  DeliveryTracker tracker_;
  paho::Client client_;
  std::atomic<bool> lost_{false};
};

int run(const Options& options) {
  check_message_source(options);
  SignalWatcher signals;
  paho::prepare_process(options.connection.debug);
  const auto connection = resolve_connection(options.connection, {"mqpub", false});
  std::string topic;
  if (options.topic) {
    topic = *options.topic;
  } else if (connection.url_topic) {
    topic = *connection.url_topic;
  } else {
    usage_error("topic", "no topic given", "use -t TOPIC or -L mqtt://host/TOPIC");
  }
  if (auto valid = validate_topic_name(topic); !valid) usage_error(fmt::format("-t '{}'", topic), valid.error());
  if (connection.tls.insecure && !connection.quiet)
    cli::print_warning("mqpub", "--insecure: the broker's host name is not checked against its certificate");
  Publisher publisher(options, connection, topic);
  return publisher.run(signals);
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  return cli::run_tool(tool, argc, argv,
                       {[&](CLI::App& app) { define_cli(app, options); }, [&] { return run(options); },
                        [] { return paho::version_text("mqpub"); }});
}

}  // namespace mq::mqpub
