#include "mqbench/merge.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>

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
    for (const char* listed : {"per_publisher", "copies"})
      if (report.contains(listed) && merged.contains(listed))
        for (const auto& entry : report[listed]) merged[listed].push_back(entry);
    if (report.value("interrupted", false)) merged["interrupted"] = true;
    for (const auto& key : missing) merged[key] = report[key];
  }
  merged["merged_reports"] = reports.size();
  return merged;
}

void recount_end_to_end(nlohmann::json& merged) {
  std::map<std::string, std::uint64_t> sent_by_id;
  if (merged.contains("per_publisher"))
    for (const auto& publisher : merged["per_publisher"])
      sent_by_id[std::to_string(publisher.value("id", 0U))] = publisher.value("sent", std::uint64_t{0});
  std::uint64_t sent_total = 0;
  for (const auto& [id, sent] : sent_by_id) sent_total += sent;
  std::uint64_t copies = 0, lost = 0;
  std::map<std::string, std::array<std::uint64_t, 3>> per_publisher;  // unique, duplicates, reordered
  if (merged.contains("copies"))
    for (const auto& copy : merged["copies"]) {
      ++copies;
      for (const auto& [id, sent] : sent_by_id) {
        std::array<std::uint64_t, 3> seen{0, 0, 0};
        if (copy.contains(id))
          for (std::size_t i = 0; i < 3; ++i) seen[i] = copy[id].at(i).get<std::uint64_t>();
        lost += sent > seen[0] ? sent - seen[0] : 0;
        for (std::size_t i = 0; i < 3; ++i) per_publisher[id][i] += seen[i];
      }
    }
  merged["expected"] = sent_total * copies;
  merged["lost"] = lost;
  if (!merged.contains("per_publisher")) return;
  for (auto& publisher : merged["per_publisher"]) {
    const std::string id = std::to_string(publisher.value("id", 0U));
    const auto& seen = per_publisher[id];
    const std::uint64_t want = publisher.value("sent", std::uint64_t{0}) * copies;
    publisher["received"] = seen[0];
    publisher["lost"] = want > seen[0] ? want - seen[0] : 0;
    publisher["duplicates"] = seen[1];
    publisher["reordered"] = seen[2];
  }
}

tl::expected<void, std::string> check_shards(const std::vector<nlohmann::json>& reports) {
  const auto sharded = [](const nlohmann::json& report) { return report.contains("shard"); };
  if (std::none_of(reports.begin(), reports.end(), sharded)) return {};
  std::set<std::uint32_t> indexes;
  const std::uint32_t count =
      reports.front().contains("shard") ? reports.front()["shard"].value("count", 0U) : 0;
  for (std::size_t i = 0; i < reports.size(); ++i) {
    if (!sharded(reports[i]))
      return tl::make_unexpected(fmt::format("report {} is not a --shard copy, others are", i + 1));
    const std::uint32_t index = reports[i]["shard"].value("index", 0U);
    if (reports[i]["shard"].value("count", 0U) != count)
      return tl::make_unexpected(fmt::format("report {} is a copy of {}, report 1 of {}", i + 1,
                                             reports[i]["shard"].value("count", 0U), count));
    if (!indexes.insert(index).second)
      return tl::make_unexpected(
          fmt::format("report {} is copy {} again (its client ids collided)", i + 1, index));
  }
  return {};
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
  if (auto shards = check_shards(reports); !shards)
    throw Error(exit_status::invalid_data, "merge", shards.error(), "merge each copy's report once");
  auto merged = merge_reports(reports);
  if (!merged) throw Error(exit_status::invalid_data, "merge", merged.error());
  // Subscribers of each --shard copy heard every copy's publishers: loss is counted over all of them.
  const bool with_copies = std::all_of(
      reports.begin(), reports.end(), [](const nlohmann::json& report) { return report.contains("copies"); });
  if (merged->value("mode", "") == "pubsub" && with_copies) recount_end_to_end(*merged);
  merged->erase("copies");
  if (merged->contains("shard")) {
    const std::uint32_t count = (*merged)["shard"].value("count", 0U);
    nlohmann::json indexes = nlohmann::json::array();
    for (const auto& report : reports) indexes.push_back(report["shard"]["index"]);
    merged->erase("shard");
    (*merged)["shards"] = {{"count", count}, {"merged", indexes}};
    if (reports.size() < count)
      fmt::print(stderr, "mqbench: warning: merged {} of {} --shard copies\n", reports.size(), count);
  }
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
