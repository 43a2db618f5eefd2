#pragma once
// `mqbench merge a.json b.json ...`: one report from the --json reports of shards or hosts that ran at the
// same time. Counts and rates add, histograms add bucket by bucket and their percentiles are recomputed
// (never averaged), so the merge of a split run equals the run.
#include <nlohmann/json.hpp>
#include <string>
#include <tl/expected.hpp>
#include <vector>

#include "mqbench/scenarios.hpp"

namespace mq::mqbench {

tl::expected<nlohmann::json, std::string> merge_reports(const std::vector<nlohmann::json>& reports);

int run_merge(const RunContext& context);

}  // namespace mq::mqbench
