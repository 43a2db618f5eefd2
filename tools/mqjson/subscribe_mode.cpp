#include "mqjson/subscribe_mode.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "mq/core/error.hpp"
#include "mq/core/exit_status.hpp"
#include "mq/core/resolve.hpp"
#include "mq/core/signals.hpp"
#include "mq/core/topic.hpp"
#include "mq/paho/client.hpp"
#include "mq/paho/setup_deadline.hpp"

namespace mq::mqjson {
namespace {

// How long a partly filled output block may wait for more messages before it is written anyway.
constexpr std::chrono::milliseconds quiet_flush_delay{200};

// Paho's receive thread only queues; the engine and stdout run on our thread, so a slow reader of our
// output never stalls Paho (and with it keepalive).
class MessageQueue {
 public:
  void push(output::Message&& message) {
    {
      std::lock_guard lock(mutex_);
      messages_.push_back(std::move(message));
    }
    ready_.notify_one();
  }
  void stop() {
    {
      std::lock_guard lock(mutex_);
      stopped_ = true;
    }
    ready_.notify_one();
  }
  void wake() {
    {
      std::lock_guard lock(mutex_);
      woken_ = true;
    }
    ready_.notify_one();
  }
  enum class Wait { message, woken, stopped, timed_out };
  Wait pop(output::Message& message, std::chrono::steady_clock::time_point deadline) {
    std::unique_lock lock(mutex_);
    const bool ready =
        ready_.wait_until(lock, deadline, [&] { return stopped_ || woken_ || !messages_.empty(); });
    if (stopped_) return Wait::stopped;
    if (std::exchange(woken_, false)) return Wait::woken;
    if (!messages_.empty()) {
      message = std::move(messages_.front());
      messages_.pop_front();
      return Wait::message;
    }
    return ready ? Wait::woken : Wait::timed_out;
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<output::Message> messages_;
  bool stopped_ = false;
  bool woken_ = false;
};

}  // namespace

int run_subscriber(const Options& options, Engine& engine, output::Writer& writer) {
  for (const auto& filter : options.topics)
    if (auto valid = validate_topic_filter(filter); !valid)
      throw Error(exit_status::usage, fmt::format("-t '{}'", filter), valid.error());
  SignalWatcher signals;
  paho::prepare_process(options.connection.debug);
  const auto connection = resolve_connection(options.connection, {"mqjson", true});
  paho::ClientSettings settings;
  settings.tool = "mqjson";
  settings.reconnect = true;
  paho::Client client(connection, settings);
  MessageQueue queue;
  bool resubscribe = false;
  std::mutex state_mutex;
  std::atomic<bool> signalled = false;
  const auto signal_registration = signals.on_signal([&](int) {
    signalled = true;
    queue.stop();
    client.interrupt_waits();  // a connect or SUBACK wait in progress ends now, not at its own timeout
  });
  client.on_message([&](output::Message&& message) { queue.push(std::move(message)); });
  client.on_connected([&](bool reconnected) {
    if (!reconnected) return;
    {
      std::lock_guard lock(state_mutex);
      resubscribe = true;
    }
    queue.wake();  // the loop subscribes again
  });
  std::vector<paho::Subscription> subscriptions;
  for (const auto& filter : options.topics) subscriptions.push_back({filter, options.qos, false, false, 0});
  // -W counts from the start (as in mqsub): it also ends a connect or SUBACK wait.
  const bool has_deadline = options.timeout.has_value();
  const auto deadline = has_deadline ? std::chrono::steady_clock::now() + *parse_duration(*options.timeout)
                                     : std::chrono::steady_clock::now() + std::chrono::hours(24 * 365 * 100);
  {
    paho::SetupDeadline setup_deadline(client, has_deadline ? std::optional(deadline) : std::nullopt, nullptr);
    try {
      client.connect();
      client.subscribe(subscriptions);
    } catch (const Error&) {
      // An error caused by the interruption (the wait it ended) is not the news: the interruption is.
      if (setup_deadline.expired())
        throw Error(exit_status::timeout, "timed out",
                    fmt::format("0 matching messages before -W {}", *options.timeout));
      if (signalled) return exit_status::interrupted;  // Ctrl-C: quiet, as at any other moment
      throw;
    }
  }
  output::Message message;
  int status = exit_status::ok;
  std::optional<std::string> flush_error;
  while (true) {
    // Output to a file is written in big blocks, but never left unwritten while no message comes (a
    // `tail -f` reader sees it, and a full disk is noticed now rather than at exit).
    const bool pending = !writer.buffer().empty();
    const auto wait_until =
        pending ? std::min(deadline, std::chrono::steady_clock::now() + quiet_flush_delay) : deadline;
    const auto waited = queue.pop(message, wait_until);
    if (waited == MessageQueue::Wait::timed_out && wait_until < deadline) {
      auto flushed = writer.flush();
      if (flushed) continue;
      if (!flushed.error().broken_pipe) flush_error = flushed.error().reason;
      break;
    }
    if (waited == MessageQueue::Wait::timed_out) {
      status = exit_status::timeout;
      break;
    }
    if (waited == MessageQueue::Wait::stopped) {
      status = exit_status::interrupted;
      break;
    }
    if (waited == MessageQueue::Wait::woken) {
      bool again = false;
      {
        std::lock_guard lock(state_mutex);
        again = std::exchange(resubscribe, false);
      }
      if (again) client.subscribe(subscriptions);
      continue;
    }
    const Outcome outcome = engine.process(message);
    if (outcome == Outcome::keep_going) continue;
    if (outcome == Outcome::failed) status = exit_status::invalid_data;
    break;
  }
  client.disconnect(std::chrono::seconds(1));
  if (flush_error) throw Error(exit_status::io_error, "writing output", *flush_error);
  if (engine.write_error()) throw Error(exit_status::io_error, "writing output", *engine.write_error());
  if (auto flushed = writer.flush(); !flushed && !flushed.error().broken_pipe)
    throw Error(exit_status::io_error, "writing output", flushed.error().reason);
  if (status == exit_status::invalid_data && engine.failure()) throw *engine.failure();
  if (status == exit_status::timeout)
    throw Error(exit_status::timeout, "timed out",
                fmt::format("{} matching message{} before -W {}", engine.counts().matched,
                            engine.counts().matched == 1 ? "" : "s", *options.timeout));
  return status;
}

}  // namespace mq::mqjson
