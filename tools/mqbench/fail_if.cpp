#include "mqbench/fail_if.hpp"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "mq/core/exit_status.hpp"
#include "mqbench/report.hpp"

namespace mq::mqbench {
namespace {

enum class Kind { latency, count, rate };

struct MetricName {
  std::string_view name;
  GateMetric metric;
  Kind kind;
  std::string_view histogram_field;  // latencies: the percentile's field in a histogram's JSON
};

constexpr std::array metric_names{
    MetricName{"p50", GateMetric::p50, Kind::latency, "p50_ns"},
    MetricName{"p90", GateMetric::p90, Kind::latency, "p90_ns"},
    MetricName{"p99", GateMetric::p99, Kind::latency, "p99_ns"},
    MetricName{"p999", GateMetric::p999, Kind::latency, "p99_9_ns"},
    MetricName{"p99.9", GateMetric::p999, Kind::latency, "p99_9_ns"},
    MetricName{"max", GateMetric::max, Kind::latency, "max_ns"},
    MetricName{"loss", GateMetric::loss, Kind::count, ""},
    MetricName{"duplicates", GateMetric::duplicates, Kind::count, ""},
    MetricName{"reorder", GateMetric::reorder, Kind::count, ""},
    MetricName{"errors", GateMetric::errors, Kind::count, ""},
    MetricName{"rate", GateMetric::rate, Kind::rate, ""},
};

struct OpName {
  std::string_view text;
  GateOp op;
};
// Two-character operators first, so ">=" is not read as ">" followed by "=5".
constexpr std::array op_names{OpName{">=", GateOp::greater_equal}, OpName{"<=", GateOp::less_equal},
                              OpName{"==", GateOp::equal}, OpName{">", GateOp::greater},
                              OpName{"<", GateOp::less}};

struct LatencyUnit {
  std::string_view suffix;
  double nanoseconds;
};
constexpr std::array latency_units{LatencyUnit{"ns", 1}, LatencyUnit{"us", 1e3}, LatencyUnit{"ms", 1e6},
                                   LatencyUnit{"s", 1e9}};

constexpr std::string_view metric_list = "p50, p90, p99, p999, max, loss, duplicates, reorder, errors, rate";

const MetricName& name_of(GateMetric metric) {
  for (const auto& entry : metric_names)
    if (entry.metric == metric) return entry;
  return metric_names.front();
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

// A plain non-negative decimal number filling `text` exactly.
std::optional<double> number(std::string_view text) {
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() || !std::isfinite(value) ||
      value < 0)
    return std::nullopt;
  return value;
}

tl::expected<Gate, GateError> parse_gate(std::string_view text) {
  Gate gate;
  gate.text = std::string(text);
  const auto fail = [&](std::string why) {
    return tl::make_unexpected(GateError{gate.text, std::move(why)});
  };

  const auto op_at = text.find_first_of("<>=");
  if (op_at == std::string_view::npos)
    return fail("no comparison (write METRIC OP VALUE with OP one of > >= < <= ==, e.g. p99>50ms)");
  const std::string_view metric = trim(text.substr(0, op_at));
  std::string_view rest = text.substr(op_at);
  const MetricName* found_metric = nullptr;
  for (const auto& entry : metric_names)
    if (entry.name == metric) found_metric = &entry;
  if (found_metric == nullptr) return fail(fmt::format("unknown metric '{}' (use {})", metric, metric_list));
  gate.metric = found_metric->metric;
  const OpName* found_op = nullptr;
  for (const auto& entry : op_names)
    if (rest.substr(0, entry.text.size()) == entry.text) {
      found_op = &entry;
      break;
    }
  if (found_op == nullptr)
    return fail(fmt::format("unknown comparison '{}' (use > >= < <= ==)", rest.substr(0, 2)));
  gate.op = found_op->op;
  const std::string_view value = trim(rest.substr(found_op->text.size()));
  if (value.empty()) return fail("no value after the comparison (e.g. p99>50ms, loss>0, rate<1000)");

  switch (found_metric->kind) {
    case Kind::latency: {
      // The longest suffix first: "ms" and "ns" before "s".
      for (const auto& unit : {latency_units[2], latency_units[1], latency_units[0], latency_units[3]}) {
        if (value.size() <= unit.suffix.size() ||
            value.substr(value.size() - unit.suffix.size()) != unit.suffix)
          continue;
        const auto amount = number(value.substr(0, value.size() - unit.suffix.size()));
        if (!amount) break;
        gate.threshold = *amount * unit.nanoseconds;
        return gate;
      }
      if (number(value))
        return fail(
            fmt::format("'{}' has no unit (latencies take us, ms or s, e.g. {}>{}ms)", value, metric, value));
      return fail(fmt::format("'{}' is not a latency (e.g. 500us, 50ms, 1.5s)", value));
    }
    case Kind::count: {
      std::string_view amount_text = value;
      if (!value.empty() && value.back() == '%') {
        if (gate.metric == GateMetric::errors)
          return fail("errors are counted, not a percentage (e.g. errors>0)");
        gate.percent = true;
        amount_text.remove_suffix(1);
      }
      const auto amount = number(amount_text);
      if (!amount)
        return fail(
            fmt::format("'{}' is not a count or a percentage (e.g. {}>0 or {}>0.1%)", value, metric, metric));
      gate.threshold = *amount;
      return gate;
    }
    case Kind::rate: {
      std::string_view amount_text = value;
      if (amount_text.size() > 2 && amount_text.substr(amount_text.size() - 2) == "/s")
        amount_text.remove_suffix(2);
      const auto amount = number(amount_text);
      if (!amount) return fail(fmt::format("'{}' is not a rate in msg/s (e.g. rate<1000)", value));
      gate.threshold = *amount;
      return gate;
    }
  }
  return fail("unknown metric kind (a bug: please report it)");
}

bool holds(GateOp op, double value, double threshold) {
  switch (op) {
    case GateOp::greater:
      return value > threshold;
    case GateOp::greater_equal:
      return value >= threshold;
    case GateOp::less:
      return value < threshold;
    case GateOp::less_equal:
      return value <= threshold;
    case GateOp::equal:
      return value == threshold;
  }
  return false;
}

// The histogram latency gates read, per mode: end-to-end latency, ping's round trips, connect times.
std::string_view latency_key(std::string_view mode) {
  if (mode == "ping") return "rtt";
  if (mode == "conn") return "connect_time";
  return "latency";
}

std::uint64_t unsigned_field(const nlohmann::json& summary, const char* key) {
  const auto found = summary.find(key);
  return found != summary.end() && found->is_number() ? found->get<std::uint64_t>() : 0;
}

std::string format_value(const Gate& gate, double value) {
  switch (name_of(gate.metric).kind) {
    case Kind::latency:
      return format_nanoseconds(static_cast<std::int64_t>(value));
    case Kind::rate:
      return fmt::format("{:.0f} msg/s", value);
    case Kind::count:
      return gate.percent ? fmt::format("{:.3g}%", value) : fmt::format("{:.0f}", value);
  }
  return fmt::format("{}", value);
}

}  // namespace

tl::expected<std::vector<Gate>, GateError> parse_gates(std::string_view text) {
  std::vector<Gate> gates;
  while (true) {
    const auto comma = text.find(',');
    const std::string_view one = trim(text.substr(0, comma));
    if (one.empty())
      return tl::make_unexpected(GateError{std::string(text), "empty gate (write e.g. 'p99>50ms,loss>0')"});
    auto gate = parse_gate(one);
    if (!gate) return tl::make_unexpected(gate.error());
    gates.push_back(std::move(*gate));
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return gates;
}

std::optional<std::string> gate_unmeasured_in(const Gate& gate, std::string_view mode) {
  const MetricName& metric = name_of(gate.metric);
  const bool latency = metric.kind == Kind::latency;
  if (latency && mode == "pub")
    return std::string("pub measures no end-to-end latency (use pubsub, or gate on rate or errors)");
  if ((gate.metric == GateMetric::loss || gate.metric == GateMetric::duplicates ||
       gate.metric == GateMetric::reorder) &&
      (mode == "pub" || mode == "conn"))
    return fmt::format("{} receives nothing, so it has no {} (use pubsub)", mode, metric.name);
  if (gate.metric == GateMetric::reorder && mode == "ping")
    return std::string("ping does not count reordering (use pubsub)");
  if (gate.metric == GateMetric::rate && (mode == "conn" || mode == "ping"))
    return fmt::format("{} has no message rate (use pub, sub or pubsub)", mode);
  return std::nullopt;
}

std::optional<double> gate_value(const Gate& gate, const nlohmann::json& summary) {
  const MetricName& metric = name_of(gate.metric);
  const std::string mode = summary.value("mode", "");
  switch (metric.kind) {
    case Kind::latency: {
      const auto histogram = summary.find(std::string(latency_key(mode)));
      if (histogram == summary.end() || !histogram->is_object() || histogram->value("count", 0) == 0)
        return std::nullopt;
      return histogram->value(std::string(metric.histogram_field), 0.0);
    }
    case Kind::rate: {
      for (const char* key : {"received_per_second", "sent_per_second"})
        if (summary.contains(key) && summary[key].is_number()) return summary[key].get<double>();
      return std::nullopt;
    }
    case Kind::count:
      break;
  }
  if (gate.metric == GateMetric::errors) {
    double errors = static_cast<double>(unsigned_field(summary, "failed_deliveries"));
    if (const auto found = summary.find("errors"); found != summary.end() && found->is_object())
      for (const auto& [reason, count] : found->items()) errors += count.get<double>();
    return errors;
  }
  const char* key = gate.metric == GateMetric::loss         ? "lost"
                    : gate.metric == GateMetric::duplicates ? "duplicates"
                                                            : "reordered";
  if (!summary.contains(key)) return std::nullopt;
  const auto count = static_cast<double>(unsigned_field(summary, key));
  if (!gate.percent) return count;
  // Of what should have arrived: pubsub knows it, ping sent it, sub alone infers it from what came.
  std::uint64_t base = unsigned_field(summary, "expected");
  if (base == 0 && mode == "ping") base = unsigned_field(summary, "sent");
  if (base == 0) base = unsigned_field(summary, "received") + unsigned_field(summary, "lost");
  if (base == 0) return std::nullopt;
  return 100.0 * count / static_cast<double>(base);
}

std::vector<std::pair<std::string, std::string>> failed_gates(const std::vector<Gate>& gates,
                                                              const nlohmann::json& summary) {
  std::vector<std::pair<std::string, std::string>> failed;
  for (const auto& gate : gates) {
    const auto value = gate_value(gate, summary);
    const std::string_view name = name_of(gate.metric).name;
    if (!value) {
      failed.emplace_back(gate.text, name_of(gate.metric).kind == Kind::latency
                                         ? std::string("no latency samples to check")
                                         : fmt::format("this run has no {} figure", name));
      continue;
    }
    if (holds(gate.op, *value, gate.threshold))
      failed.emplace_back(gate.text, fmt::format("{} is {}", name, format_value(gate, *value)));
  }
  return failed;
}

int apply_gates(const std::vector<Gate>& gates, const nlohmann::json& summary) {
  const auto failed = failed_gates(gates, summary);
  for (const auto& [gate, why] : failed)
    fmt::print(stderr, "mqbench: error: --fail-if '{}': {}\n", gate, why);
  std::fflush(stderr);
  return failed.empty() ? exit_status::ok : exit_status::gate_failed;
}

}  // namespace mq::mqbench
