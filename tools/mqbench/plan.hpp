#pragma once
// The validated run: durations and rates parsed, impossible combinations refused with the option to fix.
// Pure (no network), so every refusal is unit-tested with its exact words.
#include <cstdint>
#include <optional>
#include <string>
#include <tl/expected.hpp>
#include <utility>
#include <vector>

#include "mqbench/fail_if.hpp"
#include "mqbench/options.hpp"
#include "mqbench/schedule.hpp"
#include "mqbench/shard.hpp"

namespace mq::mqbench {

struct Plan {
  std::string mode;
  int qos = 0;
  bool retain = false;
  std::string topic_template;
  std::string filter_template;
  bool shared_subscription = false;  // $share/...: subscribers split one stream instead of each getting all
  std::uint32_t publishers = 0;
  std::uint32_t subscribers = 0;
  std::optional<std::uint64_t> count;
  std::optional<Nanoseconds> duration;
  std::optional<double> rate;           // total msg/s
  std::optional<Nanoseconds> interval;  // per client; 0 = unthrottled
  std::size_t size = 64;
  Nanoseconds warmup{0};
  Nanoseconds wait{std::chrono::seconds(5)};
  double connect_rate = 0;  // 0 = unlimited
  Nanoseconds hold{0};
  int inflight = 20;
  int ping_connections = 1;
  std::uint64_t max_errors = 0;
  std::uint32_t workers = 1;
  Shard shard;                        // --shard: this copy of a run over several hosts
  std::uint32_t first_publisher = 0;  // the copy's first client index (conn, pub, pubsub)
  std::uint32_t first_subscriber = 0;
  std::optional<std::string> json_path;
  std::optional<std::string> csv_path;
  std::vector<Gate> gates;  // --fail-if
  std::vector<std::string> merge_inputs;

  Schedule schedule_for(std::uint32_t index) const;
};

struct PlanError {
  PlanError(std::string option_text, std::string why_text, std::string hint_text = {})
      : option(std::move(option_text)), why(std::move(why_text)), hint(std::move(hint_text)) {}
  std::string option;  // what to fix: "--size 16"
  std::string why;
  std::string hint;  // optional: what to do instead
  bool operator==(const PlanError&) const = default;
};

// "1000", "1000/s", "600/m", "2/h" -> per second; anything else is an error.
tl::expected<double, std::string> parse_rate(std::string_view text);

// The topic of every copy of a sharded run when -t is absent: the same on each host, so their subscribers
// hear each other's publishers.
inline constexpr const char* sharded_default_topic = "mqbench/shards/%i";

// `default_topic` is used when -t is absent (it depends on the process id, so the caller supplies it);
// `job_completion_index` is that environment variable's value, read only for --shard and --shard-count.
tl::expected<Plan, PlanError> make_plan(
    const Options& options, const std::string& default_topic,
    const std::optional<std::string>& job_completion_index = std::nullopt);

}  // namespace mq::mqbench
