#include "mqbench/merge.hpp"

#include <fmt/format.h>

#include <array>
#include <cstdio>
#include <fstream>

#include "mq/core/error.hpp"
#include "mq/core/exit_status.hpp"
#include "mqbench/fail_if.hpp"
#include "mqbench/report.hpp"

namespace mq::mqbench {
namespace {

constexpr std::array summed_counts{"sent",
                                   "acknowledged",
                                   "publish_failed",
                                   "received",
                                   "expected",
                                   "lost",
                                   "duplicates",
                                   "reordered",
                                   "foreign",
                                   "publishers",
                                   "subscribers",
                                   "attempted",
                                   "connected",
                                   "held",
                                   "late",
                                   "failed_deliveries",
                                   "connections",
                                   "reconnects",
                                   "connections_lost"};
constexpr std::array summed_rates{"sent_per_second", "received_per_second"};
constexpr std::array longest{"publish_seconds", "connect_seconds"};

bool is_histogram(const nlohmann::json& value) {
  return value.is_object() && value.contains("buckets");
}

}  // namespace

tl::expected<nlohmann::json, std::string> merge_reports(const std::vector<nlohmann::json>& reports) {
  if (reports.empty()) return tl::make_unexpected("no reports to merge");
  nlohmann::json merged = reports.front();
  const std::string mode = merged.value("mode", "");
  for (std::size_t i = 1; i < reports.size(); ++i) {
    const nlohmann::json& report = reports[i];
    if (report.value("mode", "") != mode)
      return tl::make_unexpected(fmt::format("report {} is a '{}' report, report 1 a '{}' one", i + 1,
                                             report.value("mode", ""), mode));
    // What only some reports have (a pubsub worker with publishers but no subscribers, say) is taken as is.
    std::vector<std::string> missing;
    for (const auto& [key, value] : report.items())
      if (!merged.contains(key)) missing.push_back(key);
    for (const char* key : summed_counts)
      if (merged.contains(key) && report.contains(key) && merged[key].is_number_integer())
        merged[key] = merged[key].get<std::uint64_t>() + report[key].get<std::uint64_t>();
    for (const char* key : summed_rates)
      if (merged.contains(key) && report.contains(key))
        merged[key] = merged[key].get<double>() + report[key].get<double>();
    for (const char* key : longest)
      if (merged.contains(key) && report.contains(key))
        merged[key] = std::max(merged[key].get<double>(), report[key].get<double>());
    for (auto& [key, value] : merged.items()) {
      if (!is_histogram(value) || !report.contains(key)) continue;
      auto mine = histogram_from_json(value);
      auto theirs = histogram_from_json(report[key]);
      if (!mine) return tl::make_unexpected(fmt::format("report 1, {}: {}", key, mine.error()));
      if (!theirs) return tl::make_unexpected(fmt::format("report {}, {}: {}", i + 1, key, theirs.error()));
      mine->merge(*theirs);
      value = histogram_to_json(*mine);
    }
    if (report.contains("errors"))
      for (const auto& [reason, count] : report["errors"].items())
        merged["errors"][reason] =
            merged["errors"].value(reason, std::uint64_t{0}) + count.get<std::uint64_t>();
    if (report.contains("per_publisher"))
      for (const auto& publisher : report["per_publisher"]) merged["per_publisher"].push_back(publisher);
    if (report.value("interrupted", false)) merged["interrupted"] = true;
    for (const auto& key : missing) merged[key] = report[key];
  }
  merged["merged_reports"] = reports.size();
  return merged;
}

int run_merge(const RunContext& context) {
  std::vector<nlohmann::json> reports;
  for (const auto& path : context.plan.merge_inputs) {
    std::ifstream file(path);
    if (!file) throw Error(exit_status::io_error, fmt::format("merge {}", path), "cannot be read");
    try {
      reports.push_back(nlohmann::json::parse(file));
    } catch (const nlohmann::json::exception& error) {
      throw Error(exit_status::invalid_data, fmt::format("merge {}", path),
                  fmt::format("not JSON: {}", error.what()));
    }
  }
  auto merged = merge_reports(reports);
  if (!merged) throw Error(exit_status::invalid_data, "merge", merged.error());
  std::FILE* out = context.plan.json_path ? stdout : stderr;
  if (context.plan.json_path && *context.plan.json_path == "-") out = stderr;
  fmt::print(out, "mqbench merge: {} '{}' reports\n", reports.size(), merged->value("mode", ""));
  for (const auto& [key, value] : merged->items()) {
    if (!is_histogram(value)) continue;
    auto histogram = histogram_from_json(value);
    if (histogram) fmt::print(out, "{:<16} {}\n", key, percentile_line(*histogram));
  }
  std::fflush(out);
  write_json(context.plan.json_path.value_or("-"), *merged);
  return apply_gates(context.plan.gates, *merged);
}

}  // namespace mq::mqbench
