#pragma once
// --fail-if 'p99>50ms,loss>0': CI gates over the final summary. Each gate is METRIC OP VALUE; it fails
// when the comparison holds. Gates are read from the same JSON summary --json writes, so a run, a sharded
// run and `mqbench merge` are judged the same way. Pure: parsed and evaluated without a network.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

namespace mq::mqbench {

enum class GateMetric { p50, p90, p99, p999, max, loss, duplicates, reorder, errors, rate };
enum class GateOp { greater, greater_equal, less, less_equal, equal };

struct Gate {
  std::string text;  // as written ("p99>50ms"), to name it in messages
  GateMetric metric = GateMetric::p99;
  GateOp op = GateOp::greater;
  double threshold = 0;  // ns for latencies, msg/s for rate, a count (or a percentage) otherwise
  bool percent = false;  // loss/duplicates/reorder as a percentage of the messages expected
};

struct GateError {
  std::string gate;  // the offending gate as written, or the whole list when it is empty
  std::string why;   // "<why> (<hint>)"
  bool operator==(const GateError&) const = default;
};

tl::expected<std::vector<Gate>, GateError> parse_gates(std::string_view text);

// Refuses a gate on something the mode never measures ("loss" in pub, "p99" in pub): empty when fine.
std::optional<std::string> gate_unmeasured_in(const Gate& gate, std::string_view mode);

// The measured value a gate compares, in the gate's unit; nullopt when the run has no such figure
// (for example no latency samples at all).
std::optional<double> gate_value(const Gate& gate, const nlohmann::json& summary);

// One message per failed gate: "p99 is 72.1ms". A gate whose figure is missing fails too ("no latency
// samples"): a gate that cannot be checked must not pass a CI run.
std::vector<std::pair<std::string, std::string>> failed_gates(const std::vector<Gate>& gates,
                                                              const nlohmann::json& summary);

// Prints `mqbench: error: --fail-if 'GATE': WHY` on stderr per failed gate; returns 0 or
// exit_status::gate_failed.
int apply_gates(const std::vector<Gate>& gates, const nlohmann::json& summary);

}  // namespace mq::mqbench
