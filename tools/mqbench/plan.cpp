#include "mqbench/plan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>

#include "mq/core/duration.hpp"
#include "mqbench/payload_header.hpp"
#include "mqbench/topic_template.hpp"

namespace mq::mqbench {
namespace {

tl::expected<Nanoseconds, PlanError> duration_option(std::string_view name, const std::string& text) {
  auto parsed = parse_duration(text);
  if (!parsed) return tl::make_unexpected(PlanError{fmt::format("{} {}", name, text), parsed.error()});
  return *parsed;
}

bool uses_messages(const std::string& mode) {
  return mode == "pub" || mode == "sub" || mode == "pubsub";
}

}  // namespace

Schedule Plan::schedule_for(std::uint32_t index) const {
  if (rate) return schedule_for_rate(*rate, publishers, index);
  if (interval) return schedule_for_interval(*interval, publishers, index);
  return {};
}

tl::expected<double, std::string> parse_rate(std::string_view text) {
  double per = 1;
  std::string_view number = text;
  if (const auto slash = text.find('/'); slash != std::string_view::npos) {
    const std::string_view unit = text.substr(slash + 1);
    if (unit == "s")
      per = 1;
    else if (unit == "m")
      per = 60;
    else if (unit == "h")
      per = 3600;
    else
      return tl::make_unexpected(fmt::format("'{}' is not a rate (use N, N/s, N/m or N/h)", text));
    number = text.substr(0, slash);
  }
  double value = 0;
  const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), value);
  if (error != std::errc() || end != number.data() + number.size() || number.empty() || !std::isfinite(value))
    return tl::make_unexpected(fmt::format("'{}' is not a rate (use N, N/s, N/m or N/h)", text));
  if (value <= 0) return tl::make_unexpected("a rate must be more than 0");
  return value / per;
}

tl::expected<Plan, PlanError> make_plan(const Options& options, const std::string& default_topic,
                                        const std::optional<std::string>& job_completion_index) {
  Plan plan;
  plan.mode = options.mode;
  plan.qos = options.qos;
  plan.retain = options.retain;
  plan.size = options.size;
  plan.inflight = options.inflight;
  plan.ping_connections = options.ping_connections;
  plan.max_errors = options.max_errors;
  plan.json_path = options.json;
  plan.csv_path = options.csv;
  plan.count = options.count;
  if (options.fail_if) {
    auto gates = parse_gates(*options.fail_if);
    if (!gates)
      return tl::make_unexpected(
          PlanError{fmt::format("--fail-if '{}'", gates.error().gate), gates.error().why});
    for (const auto& gate : *gates)
      if (auto unmeasured = gate_unmeasured_in(gate, options.mode))
        return tl::make_unexpected(PlanError{fmt::format("--fail-if '{}'", gate.text), *unmeasured});
    plan.gates = std::move(*gates);
  }

  if (options.csv && !uses_messages(options.mode))
    return tl::make_unexpected(
        PlanError{fmt::format("--csv {}", *options.csv), "only pub, sub and pubsub write rows per second"});
  if (options.mode == "merge") {
    if (options.shard || options.shard_count)
      return tl::make_unexpected(
          PlanError{options.shard ? fmt::format("--shard {}", *options.shard)
                                  : fmt::format("--shard-count {}", *options.shard_count),
                    "merge runs once over every copy's report", "leave the shard out"});
    if (options.reports.empty())
      return tl::make_unexpected(PlanError{"merge", "give the --json reports to merge"});
    plan.merge_inputs = options.reports;
    return plan;
  }
  if (!options.reports.empty())
    return tl::make_unexpected(
        PlanError{fmt::format("'{}'", options.reports.front()), "unexpected argument"});
  if (options.clients == 0)
    return tl::make_unexpected(PlanError{"--clients 0", "at least one client is needed"});
  if (options.mode == "pubsub" && options.subscribers == 0)
    return tl::make_unexpected(
        PlanError{"--subscribers 0", "pubsub needs at least one subscriber (or use pub)"});
  if (options.size < payload_header_size)
    return tl::make_unexpected(
        PlanError{fmt::format("--size {}", options.size),
                  fmt::format("smaller than the {}-byte header every mqbench payload starts with",
                              payload_header_size)});
  if (options.size > 268'435'455 - 65'535 - 16)
    return tl::make_unexpected(
        PlanError{fmt::format("--size {}", options.size), "larger than an MQTT packet allows"});
  if (options.rate && options.interval)
    return tl::make_unexpected(
        PlanError{"--rate and --interval",
                  "give one: --rate is the total over all publishers, --interval per publisher"});
  if (options.count && *options.count == 0)
    return tl::make_unexpected(PlanError{"--count 0", "count at least one message (or leave --count out)"});

  if (options.rate) {
    auto rate = parse_rate(*options.rate);
    if (!rate) return tl::make_unexpected(PlanError{fmt::format("--rate {}", *options.rate), rate.error()});
    plan.rate = *rate;
  }
  if (options.interval) {
    auto interval = duration_option("--interval", *options.interval);
    if (!interval) return tl::make_unexpected(interval.error());
    plan.interval = *interval;
  }
  if (options.duration) {
    auto duration = duration_option("--duration", *options.duration);
    if (!duration) return tl::make_unexpected(duration.error());
    if (duration->count() <= 0)
      return tl::make_unexpected(
          PlanError{fmt::format("--duration {}", *options.duration), "must be more than 0"});
    plan.duration = *duration;
  }
  if (options.warmup) {
    auto warmup = duration_option("--warmup", *options.warmup);
    if (!warmup) return tl::make_unexpected(warmup.error());
    plan.warmup = *warmup;
  }
  if (options.timeout) {
    auto wait = duration_option("--timeout", *options.timeout);
    if (!wait) return tl::make_unexpected(wait.error());
    plan.wait = *wait;
  }
  if (options.hold) {
    auto hold = duration_option("--hold", *options.hold);
    if (!hold) return tl::make_unexpected(hold.error());
    plan.hold = *hold;
  }
  if (options.connect_rate) {
    auto rate = parse_rate(*options.connect_rate);
    if (!rate)
      return tl::make_unexpected(
          PlanError{fmt::format("--connect-rate {}", *options.connect_rate), rate.error()});
    plan.connect_rate = *rate;
  }
  if ((options.mode == "pub" || options.mode == "pubsub") && !plan.count && !plan.duration)
    return tl::make_unexpected(PlanError{
        "--count or --duration", fmt::format("{} needs one of them to know when to stop", options.mode)});

  auto shard = resolve_shard(options.shard, options.shard_count, job_completion_index);
  if (!shard)
    return tl::make_unexpected(PlanError{shard.error().option, shard.error().why, shard.error().hint});
  plan.shard = *shard;
  plan.topic_template = options.topic.value_or(plan.shard.count > 1 ? sharded_default_topic : default_topic);
  if (auto checked = check_template(plan.topic_template); !checked)
    return tl::make_unexpected(PlanError{fmt::format("-t '{}'", plan.topic_template), checked.error()});
  if (options.mode == "sub") {
    plan.subscribers = options.clients;
    plan.filter_template = plan.topic_template;
  } else if (uses_messages(options.mode)) {
    plan.publishers = options.clients;
    if (options.mode == "pubsub") {
      plan.subscribers = options.subscribers;
      plan.filter_template = options.subscribe_topic.value_or(wildcard_filter(plan.topic_template));
      if (auto checked = check_template(plan.filter_template); !checked)
        return tl::make_unexpected(
            PlanError{fmt::format("--sub-topic '{}'", plan.filter_template), checked.error()});
    }
  } else if (options.mode == "conn") {
    plan.publishers = options.clients;  // connections that publish nothing
  }
  if (!uses_messages(options.mode) && options.mode != "ping" &&
      (options.count || options.rate || options.interval))
    return tl::make_unexpected(
        PlanError{"--count/--rate/--interval", "conn mode sends no messages (see --hold)"});
  if (options.topic && (plan.mode == "pub" || plan.mode == "pubsub") &&
      (plan.topic_template.find_first_of("+#") != std::string::npos))
    return tl::make_unexpected(PlanError{fmt::format("-t '{}'", plan.topic_template),
                                         "wildcards are for --sub-topic, not publishing"});
  plan.shared_subscription = plan.filter_template.rfind("$share/", 0) == 0;
  if (options.shard || options.shard_count) {
    const std::string option = options.shard ? fmt::format("--shard {}", *options.shard)
                                             : fmt::format("--shard-count {}", *options.shard_count);
    if (options.mode == "ping")
      return tl::make_unexpected(PlanError{option, "ping runs as one copy", "leave the shard out"});
    if (plan.shard.count > 1 && plan.shared_subscription)
      return tl::make_unexpected(PlanError{
          fmt::format("--sub-topic '{}'", plan.filter_template),
          fmt::format("a $share group's stream cannot be counted across {} copies", plan.shard.count),
          "leave the shard out"});
    auto first_publisher = shard_first_index(plan.shard, plan.publishers);
    auto first_subscriber = shard_first_index(plan.shard, plan.subscribers);
    if (!first_publisher || !first_subscriber)
      return tl::make_unexpected(
          PlanError{option, first_publisher ? first_subscriber.error() : first_publisher.error(),
                    "use fewer copies or clients"});
    plan.first_publisher = *first_publisher;
    plan.first_subscriber = *first_subscriber;
  }
  if (options.workers && *options.workers > 1 && (options.mode == "ping" || options.mode == "merge"))
    return tl::make_unexpected(
        PlanError{fmt::format("--workers {}", *options.workers),
                  fmt::format("{} runs in one process (leave --workers out)", options.mode)});
  if (options.mode == "conn" || uses_messages(options.mode)) {
    // Paho has one send and one receive thread per process and per-client costs that grow with the
    // clients of a process (paho-notes: about 500 per process).
    constexpr std::uint32_t clients_per_worker = 500;
    const std::uint32_t clients = plan.publishers + plan.subscribers;
    plan.workers = options.workers.value_or((clients + clients_per_worker - 1) / clients_per_worker);
    plan.workers = std::clamp<std::uint32_t>(plan.workers, 1, std::max(plan.publishers, plan.subscribers));
    if (plan.workers > 1 && plan.shared_subscription)
      return tl::make_unexpected(
          PlanError{fmt::format("--sub-topic '{}'", plan.filter_template),
                    fmt::format("a $share group's stream cannot be counted across {} worker processes "
                                "(add --workers 1)",
                                plan.workers)});
  }
  return plan;
}

}  // namespace mq::mqbench
