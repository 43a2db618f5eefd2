#include "mqsub/session.hpp"

#include <fmt/format.h>
#include <poll.h>

#include <condition_variable>
#include <mutex>
#include <thread>

#include "mq/cli/tool_runner.hpp"
#include "mq/core/error.hpp"
#include "mq/core/exit_status.hpp"
#include "mq/paho/setup_deadline.hpp"
#include "mqsub/message_queue.hpp"

namespace mq::mqsub {
namespace {

enum class Ending {
  running,
  printing_done,
  interrupted,
  timed_out,
  idle,
  lost,
  output_closed,
  output_failed
};

using Clock = std::chrono::steady_clock;

constexpr std::size_t queue_soft_limit_bytes = 64 * 1024 * 1024;
constexpr std::chrono::milliseconds queue_max_wait{100};
constexpr std::chrono::milliseconds output_watch_interval{100};
constexpr auto disconnect_timeout = std::chrono::seconds(2);
constexpr std::chrono::milliseconds quiet_flush_delay{200};
constexpr std::size_t coalesce_below = 64;
constexpr std::chrono::microseconds coalesce_pause{500};

// True when the reading end of our stdout pipe or socket is gone (poll reports POLLERR/POLLHUP).
bool output_reader_gone() {
  pollfd watched{1, 0, 0};
  return ::poll(&watched, 1, 0) == 1 && (watched.revents & (POLLERR | POLLHUP)) != 0;
}

class Session {
 public:
  Session(const ResolvedConnection& connection, const SessionSettings& settings, PrintLoop& print_loop)
      : settings_(settings),
        print_loop_(print_loop),
        queue_(queue_soft_limit_bytes, queue_max_wait),
        client_(connection, client_settings(settings)) {}

  int run(SignalWatcher& signals) {
    // The watcher outlives this session: the registration ends before the session does.
    const auto signal_registration = signals.on_signal([this](int) {
      end(Ending::interrupted);
      client_.interrupt_waits();  // a connect or SUBACK wait in progress ends now, not at its own timeout
    });
    client_.on_message([this](output::Message&& message) { queue_.push(std::move(message)); });
    client_.on_connection_lost([this](const std::string&) {
      {
        std::lock_guard lock(mutex_);
        lost_notice_ = true;
      }
      if (!settings_.reconnect) end(Ending::lost);
      wake_.notify_all();
    });
    // Paho calls this once per successful connect, the first one included; the client's own `reconnected`
    // flag races with connect() returning, so we count the calls instead.
    client_.on_connected([this](bool) {
      {
        std::lock_guard lock(mutex_);
        if (++connects_seen_ == 1) return;
        resubscribe_needed_ = true;
      }
      wake_.notify_all();
    });
    print_loop_.on_remove_retained([this](const std::string& topic) { remove_retained(topic); });

    // -W counts from the start, as mosquitto_sub's does: it also ends a connect or SUBACK wait.
    const auto deadline = settings_.timeout ? Clock::now() + *settings_.timeout : Clock::time_point::max();
    paho::SetupDeadline setup_deadline(
        client_, settings_.timeout ? std::optional(deadline) : std::nullopt, [this] { end(Ending::timed_out); });
    try {
      client_.connect();
      writer_ = std::thread([this] { write_messages(); });
      subscribe(false);
      if (!settings_.unsubscribe_filters.empty()) {
        std::lock_guard calls(client_calls_);
        client_.unsubscribe(settings_.unsubscribe_filters);
      }
      if (settings_.exit_after_subscribe) end(Ending::printing_done);
      if (settings_.retained_only && !settings_.subscriptions.empty()) send_marker();
      setup_deadline.finish();
    } catch (...) {
      setup_deadline.finish();
      stop_writer();
      // An error caused by the interruption (the wait it ended) is not the news: the interruption is.
      const Ending ending = current_ending();
      if (ending == Ending::interrupted || ending == Ending::timed_out) return exit_status_for(ending);
      throw;
    }
    wait_for_the_end(deadline);
    {
      std::lock_guard calls(client_calls_);
      client_.disconnect(disconnect_timeout);
    }
    stop_writer();
    // Output that could not be written outranks how the run ended (-W, SIGINT, ...): messages were lost.
    Ending ending = Ending::running;
    {
      std::lock_guard lock(mutex_);
      if (!print_loop_.failure().empty() && ending_ != Ending::output_closed) ending_ = Ending::output_failed;
      ending = ending_;
    }
    return exit_status_for(ending);
  }

 private:
  static paho::ClientSettings client_settings(const SessionSettings& settings) {
    paho::ClientSettings client;
    client.tool = "mqsub";
    client.reconnect = settings.reconnect;
    client.reconnect_min = settings.reconnect_min;
    client.reconnect_max = settings.reconnect_max;
    client.max_buffered = 10000;  // --remove-retained may queue one publish per retained topic
    return client;
  }

  void subscribe(bool again) {
    std::vector<paho::Subscription> subscriptions = settings_.subscriptions;
    if (subscriptions.empty()) return;
    const bool v5 = client_.connection().version == ProtocolVersion::v5;
    if (again && v5)
      for (auto& subscription : subscriptions)
        if (subscription.retain_handling == 0) subscription.retain_handling = 1;
    const std::size_t asked = subscriptions.size();
    // The marker topic rides along in the same SUBSCRIBE. Under MQTT 5 it also keeps the SUBSCRIBE at two
    // filters or more: paho::Client::subscribe reads a garbage reason-code list after a single-filter v5
    // SUBACK and crashes (client.cpp, onSuccess5); drop the `v5 && asked == 1` case once that is fixed.
    if (settings_.marker_topic && (!again || v5) && (settings_.retained_only || (v5 && asked == 1)))
      subscriptions.push_back({*settings_.marker_topic, subscriptions.front().qos, false, false, 0});
    std::vector<int> granted;
    {
      std::lock_guard calls(client_calls_);
      granted = client_.subscribe(subscriptions, settings_.subscription_identifier,
                                  settings_.subscribe_user_properties);
    }
    for (std::size_t i = 0; i < granted.size() && i < asked; ++i) {
      if (granted[i] >= 0x80)
        throw Error(exit_status::subscribe_rejected,
                    fmt::format("subscribing to '{}'", subscriptions[i].filter),
                    fmt::format("the broker refused the subscription (reason code {})", granted[i]),
                    "check the broker's ACL and the filter");
    }
  }

  // --retained-only: the broker queues the retained messages while handling our SUBSCRIBE, so a message we
  // publish to the marker topic after the SUBACK arrives after all of them, at the same QoS. If the ACL
  // forbids it, -W or a live message still ends the run.
  void send_marker() {
    std::lock_guard calls(client_calls_);
    client_.publish(*settings_.marker_topic, "", settings_.subscriptions.front().qos, false);
  }

  void remove_retained(const std::string& topic) {
    try {
      std::lock_guard calls(client_calls_);
      client_.publish(topic, "", 1, true);
    } catch (const Error& error) {
      if (!settings_.quiet)
        cli::print_warning("mqsub", fmt::format("could not clear '{}': {}", topic, error.why()));
    }
  }

  void write_messages() {
    std::vector<output::Message> batch;
    PrintEnd outcome = PrintEnd::running;
    while (outcome == PrintEnd::running) {
      const auto taken = queue_.take_all(batch, quiet_flush_delay);
      if (taken == MessageQueue::Taken::closed) break;
      // Output to a file is written in big blocks, but never left unwritten while no message comes.
      outcome = taken == MessageQueue::Taken::messages ? print_loop_.consume(batch) : print_loop_.flush();
      // Under a flood, waking this thread for every message costs more than printing it: after a small
      // batch, let the next ones gather for a moment (invisible to a reader, a fraction of a millisecond).
      if (taken == MessageQueue::Taken::messages && batch.size() < coalesce_below)
        std::this_thread::sleep_for(coalesce_pause);
    }
    // The last block is written here even when -C or --retained-only ended the run: a failure to write it
    // (a full disk) is lost output and must not end as success.
    const PrintEnd flushed = print_loop_.flush();
    if (flushed != PrintEnd::running && outcome != PrintEnd::output_closed &&
        outcome != PrintEnd::output_failed)
      outcome = flushed;
    queue_.close();  // a finished printer takes nothing more: Paho's thread must never wait for it
    switch (outcome) {
      case PrintEnd::running:
        break;
      case PrintEnd::output_closed:
        end(Ending::output_closed);
        break;
      case PrintEnd::output_failed:
        end(Ending::output_failed);
        break;
      default:
        end(Ending::printing_done);
        break;
    }
  }

  void stop_writer() {
    queue_.close();
    if (writer_.joinable()) writer_.join();
  }

  void end(Ending ending) {
    {
      std::lock_guard lock(mutex_);
      if (ending_ == Ending::running) ending_ = ending;
    }
    wake_.notify_all();
  }

  Ending current_ending() {
    std::lock_guard lock(mutex_);
    return ending_;
  }

  void wait_for_the_end(Clock::time_point deadline) {
    const auto started = Clock::now();
    std::unique_lock lock(mutex_);
    while (ending_ == Ending::running) {
      if (lost_notice_) {
        lost_notice_ = false;
        if (settings_.reconnect && !settings_.quiet)
          cli::print_warning("mqsub",
                             fmt::format("lost the connection to {}; reconnecting", client_.endpoint()));
        continue;
      }
      if (resubscribe_needed_) {
        resubscribe_needed_ = false;
        lock.unlock();
        try_resubscribe();
        lock.lock();
        continue;
      }
      auto wake_at = deadline;
      if (settings_.idle_timeout)
        wake_at =
            std::min(wake_at, std::max(print_loop_.last_print_time(), started) + *settings_.idle_timeout);
      if (settings_.watch_output) wake_at = std::min(wake_at, Clock::now() + output_watch_interval);
      wake_.wait_until(lock, wake_at);
      if (ending_ != Ending::running) break;
      const auto now = Clock::now();
      if (now >= deadline) {
        ending_ = Ending::timed_out;
      } else if (settings_.idle_timeout &&
                 now >= std::max(print_loop_.last_print_time(), started) + *settings_.idle_timeout) {
        ending_ = Ending::idle;
      } else if (settings_.watch_output && output_reader_gone()) {
        ending_ = Ending::output_closed;
      }
    }
  }

  void try_resubscribe() {
    try {
      subscribe(true);
      if (!settings_.quiet) cli::print_warning("mqsub", fmt::format("reconnected to {}", client_.endpoint()));
    } catch (const Error& error) {
      // Paho reconnects again if the link drops meanwhile, and we try again then.
      if (!settings_.quiet)
        cli::print_warning("mqsub", fmt::format("re-subscribing failed: {}", error.why()));
    }
  }

  int exit_status_for(Ending ending) const {
    switch (ending) {
      case Ending::running:
      case Ending::printing_done:
      case Ending::output_closed:
        return exit_status::ok;
      case Ending::interrupted:
        return exit_status::interrupted;
      case Ending::timed_out:
        throw Error(
            exit_status::timeout, "timed out",
            settings_.count
                ? fmt::format("{} elapsed, {} of {} messages printed", format_duration(*settings_.timeout),
                              print_loop_.printed(), *settings_.count)
                : fmt::format("{} elapsed, {} messages printed", format_duration(*settings_.timeout),
                              print_loop_.printed()));
      case Ending::idle:
        throw Error(exit_status::idle_timeout, "idle timeout",
                    fmt::format("no message for {}, {} messages printed",
                                format_duration(*settings_.idle_timeout), print_loop_.printed()));
      case Ending::lost:
        throw Error(exit_status::connection_lost, "connection lost",
                    fmt::format("the connection to {} was closed", client_.endpoint()),
                    "without --no-reconnect mqsub reconnects");
      case Ending::output_failed:
        throw Error(exit_status::io_error, "writing the output", print_loop_.failure(), "");
    }
    return exit_status::internal_error;
  }

  const SessionSettings& settings_;
  PrintLoop& print_loop_;
  MessageQueue queue_;
  std::thread writer_;
  std::mutex client_calls_;  // Paho 1.3.12's API is not safe from two of our threads at once (paho-notes §10)
  std::mutex mutex_;
  std::condition_variable wake_;
  Ending ending_ = Ending::running;
  bool lost_notice_ = false;
  bool resubscribe_needed_ = false;
  int connects_seen_ = 0;
  // Last, so destroyed first: its destructor disconnects, and Paho's callbacks into this session (queue_,
  // mutex_, wake_) must still find them alive.
  paho::Client client_;
};

}  // namespace

int run_session(const ResolvedConnection& connection, const SessionSettings& settings, PrintLoop& print_loop,
                SignalWatcher& signals) {
  Session session(connection, settings, print_loop);
  return session.run(signals);
}

}  // namespace mq::mqsub
