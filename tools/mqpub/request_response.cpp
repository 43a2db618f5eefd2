#include "mqpub/request_response.hpp"

#include <unistd.h>

#include <condition_variable>
#include <fmt/format.h>
#include <mutex>
#include <random>

#include "mq/core/error.hpp"
#include "mq/core/exit_status.hpp"
#include "mq/core/topic.hpp"
#include "mq/output/format.hpp"
#include "mq/paho/client.hpp"

namespace mq::mqpub {
namespace {

std::string new_correlation_data() {
  std::random_device seed;
  return fmt::format("mqpub-{:08x}{:08x}", seed(), seed());
}

void write_response(const Options& options, const std::optional<output::Format>& format,
                    const output::Message& response) {
  std::string text;
  if (format) {
    output::render(*format, response, text);
  } else {
    if (options.verbose) text = response.topic + " ";
    text += response.payload;
  }
  if (!options.no_newline) text += '\n';
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t count = ::write(1, text.data() + written, text.size() - written);
    if (count < 0) {
      if (errno == EINTR) continue;
      if (errno == EPIPE) return;
      throw Error(exit_status::io_error, "writing the response", std::strerror(errno));
    }
    written += static_cast<std::size_t>(count);
  }
}

}  // namespace

int request_response(const Options& options, ResolvedConnection connection, const std::string& request_topic,
                     const std::string& payload, SignalWatcher& signals) {
  if (!options.response_topic)
    throw Error(exit_status::usage, "--rr", "no response topic given", "add -e RESPONSE_TOPIC");
  if (auto valid = validate_topic_name(*options.response_topic); !valid)
    throw Error(exit_status::usage, fmt::format("-e '{}'", *options.response_topic), valid.error());
  std::optional<output::Format> format;
  if (options.format) {
    auto parsed = output::parse_format(*options.format);
    if (!parsed) throw Error(exit_status::usage, fmt::format("-F '{}'", *options.format), parsed.error());
    format = std::move(*parsed);
  }
  if (options.connection.protocol_version && connection.version != ProtocolVersion::v5)
    throw Error(exit_status::usage, "--rr", "request/response needs MQTT 5", "use -V 5 or leave -V out");
  connection.version = ProtocolVersion::v5;  // as mosquitto_rr, MQTT 5 by default

  paho::ClientSettings settings;
  settings.tool = "mqpub";
  paho::Client client(connection, settings);
  std::mutex mutex;
  std::condition_variable answered;
  std::optional<output::Message> response;
  bool interrupted = false;
  const std::string correlation = new_correlation_data();
  const auto signal_registration = signals.on_signal([&](int) {
    {
      std::lock_guard lock(mutex);
      interrupted = true;
    }
    answered.notify_all();
  });
  client.on_message([&](output::Message&& message) {
    const auto& data = message.properties.correlation_data;
    if (data && *data != correlation) return;  // someone else's response
    {
      std::lock_guard lock(mutex);
      if (!response) response = std::move(message);
    }
    answered.notify_all();
  });
  client.connect();
  client.subscribe({paho::Subscription{*options.response_topic, options.qos, false, false, 0}});
  MessageProperties properties = connection.properties.publish;
  properties.response_topic = *options.response_topic;
  properties.correlation_data = correlation;
  client.publish(request_topic, payload, options.qos, options.retain, &properties);

  const Duration timeout = options.timeout ? *parse_duration(*options.timeout) : Duration::max();
  std::unique_lock lock(mutex);
  const auto done = [&] { return response.has_value() || interrupted; };
  if (options.timeout) {
    answered.wait_until(lock, std::chrono::steady_clock::now() + timeout, done);
  } else {
    answered.wait(lock, done);
  }
  const bool got_response = response.has_value();
  lock.unlock();
  if (got_response) write_response(options, format, *response);
  client.disconnect(std::chrono::seconds(1));
  if (got_response) return exit_status::ok;
  if (interrupted) return exit_status::interrupted;
  throw Error(exit_status::timeout, "timed out",
              fmt::format("no response on '{}' within {}", *options.response_topic, format_duration(timeout)));
}

}  // namespace mq::mqpub
