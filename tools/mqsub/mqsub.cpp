#include "mqsub/mqsub.hpp"

#include <unistd.h>

#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <fmt/format.h>
#include <mutex>

#include "mq/cli/tool_runner.hpp"
#include "mq/core/error.hpp"
#include "mq/core/exit_status.hpp"
#include "mq/core/resolve.hpp"
#include "mq/core/signals.hpp"
#include "mq/core/topic.hpp"
#include "mq/paho/client.hpp"
#include "mqsub/options.hpp"

namespace mq::mqsub {
namespace {

constexpr cli::ToolDescription tool{"mqsub", "Subscribe to MQTT topics and print the messages"};

[[noreturn]] void usage_error(const std::string& what, const std::string& why, const std::string& hint = {}) {
  throw Error(exit_status::usage, what, why, hint);
}

enum class Ending { running, count_reached, interrupted, lost, output_closed, output_failed, live_message };

class Subscriber {
 public:
  Subscriber(const Options& options, const ResolvedConnection& connection, std::vector<std::string> filters)
      : options_(options), filters_(std::move(filters)), client_(connection, settings_for()) {}

  int run(SignalWatcher& signals) {
    signals.on_signal([this](int) { end(Ending::interrupted); });
    client_.on_message([this](output::Message&& message) { handle(message); });
    client_.on_connection_lost([this](const std::string&) {});
    client_.on_connected([this](bool reconnected) {
      if (reconnected) resubscribe_needed_ = true;
      wake_.notify_all();
    });
    client_.connect();
    subscribe();
    if (options_.exit_after_subscribe) {
      client_.disconnect(std::chrono::seconds(1));
      return exit_status::ok;
    }
    const bool has_deadline = options_.timeout.has_value();
    const auto deadline = has_deadline ? std::chrono::steady_clock::now() + *parse_duration(*options_.timeout)
                                       : std::chrono::steady_clock::time_point::max();
    std::unique_lock lock(mutex_);
    while (ending_ == Ending::running) {
      if (resubscribe_needed_) {
        resubscribe_needed_ = false;
        lock.unlock();
        try {
          subscribe();
        } catch (const Error&) {
          // The next reconnect tries again; a broker that refuses for good shows in its own log.
        }
        lock.lock();
        continue;
      }
      if (has_deadline) {
        if (wake_.wait_until(lock, deadline) == std::cv_status::timeout && ending_ == Ending::running) {
          lock.unlock();
          client_.disconnect(std::chrono::seconds(1));
          throw Error(exit_status::timeout, "timed out", "waiting for messages",
                      fmt::format("{} of the -C count received", received_));
        }
      } else {
        wake_.wait(lock);
      }
    }
    const Ending ending = ending_;
    lock.unlock();
    client_.disconnect(std::chrono::seconds(1));
    switch (ending) {
      case Ending::interrupted: return exit_status::interrupted;
      case Ending::output_closed: return exit_status::ok;
      case Ending::output_failed:
        throw Error(exit_status::io_error, "writing the output", output_error_, "is the disk full?");
      default: return exit_status::ok;
    }
  }

 private:
  static paho::ClientSettings settings_for() {
    paho::ClientSettings settings;
    settings.tool = "mqsub";
    settings.reconnect = true;  // as mosquitto_sub: a lost connection is re-established
    return settings;
  }

  void subscribe() {
    std::vector<paho::Subscription> subscriptions;
    for (const auto& filter : filters_) subscriptions.push_back({filter, options_.qos, false, false, 0});
    const auto granted = client_.subscribe(subscriptions);
    for (std::size_t i = 0; i < granted.size(); ++i) {
      if (granted[i] >= 0x80)
        throw Error(exit_status::subscribe_rejected, fmt::format("subscribing to '{}'", filters_[i]),
                    "the broker refused the subscription", "check the broker's ACL");
    }
  }

  void end(Ending ending) {
    {
      std::lock_guard lock(mutex_);
      if (ending_ == Ending::running) ending_ = ending;
    }
    wake_.notify_all();
  }

  // Runs on Paho's receive thread: filter, print, count.
  void handle(const output::Message& message) {
    {
      std::lock_guard lock(mutex_);
      if (ending_ != Ending::running) return;
    }
    for (const auto& excluded : options_.filter_out)
      if (topic_matches(excluded, message.topic)) return;
    if (options_.no_stale_retained && message.retained) return;
    if (options_.retained_only && !message.retained) {
      end(Ending::live_message);
      return;
    }
    line_.clear();
    if (options_.verbose) {
      line_ += message.topic;
      line_ += ' ';
    }
    line_ += message.payload;
    if (!options_.no_newline) line_ += '\n';
    if (!write_all(line_)) return;
    std::lock_guard lock(mutex_);
    ++received_;
    if (options_.count && received_ >= *options_.count) {
      ending_ = Ending::count_reached;
      wake_.notify_all();
    }
  }

  bool write_all(const std::string& text) {
    std::size_t written = 0;
    while (written < text.size()) {
      const ssize_t count = ::write(1, text.data() + written, text.size() - written);
      if (count < 0) {
        if (errno == EINTR) continue;
        if (errno == EPIPE) {
          end(Ending::output_closed);  // `mqsub | head -n 1`: the reader is done, so are we
        } else {
          output_error_ = std::strerror(errno);
          end(Ending::output_failed);
        }
        return false;
      }
      written += static_cast<std::size_t>(count);
    }
    return true;
  }

  const Options& options_;
  std::vector<std::string> filters_;
  paho::Client client_;
  std::mutex mutex_;
  std::condition_variable wake_;
  Ending ending_ = Ending::running;
  bool resubscribe_needed_ = false;
  long received_ = 0;
  std::string line_;
  std::string output_error_;
};

int run(const Options& options) {
  SignalWatcher signals;
  paho::prepare_process(options.connection.debug);
  const auto connection = resolve_connection(options.connection, {"mqsub", true});
  std::vector<std::string> filters = options.topics;
  if (filters.empty() && connection.url_topic) filters.push_back(*connection.url_topic);
  if (filters.empty()) usage_error("topic", "no topic filter given", "use -t FILTER (repeatable) or -L mqtt://host/FILTER");
  for (const auto& filter : filters)
    if (auto valid = validate_topic_filter(filter); !valid) usage_error(fmt::format("-t '{}'", filter), valid.error());
  for (const auto& filter : options.filter_out)
    if (auto valid = validate_topic_filter(filter); !valid) usage_error(fmt::format("-T '{}'", filter), valid.error());
  if (connection.tls.insecure && !connection.quiet)
    cli::print_warning("mqsub", "--insecure: the broker's host name is not checked against its certificate");
  Subscriber subscriber(options, connection, std::move(filters));
  return subscriber.run(signals);
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  return cli::run_tool(tool, argc, argv,
                       {[&](CLI::App& app) { define_cli(app, options); }, [&] { return run(options); },
                        [] { return paho::version_text("mqsub"); }});
}

}  // namespace mq::mqsub
