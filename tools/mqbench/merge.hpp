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

// The exact loss of a pubsub split over processes or hosts: every copy of the stream ("copies": per
// subscriber, per publisher id, [unique, duplicates, reordered]) against what every publisher
// ("per_publisher") sent. Sets expected, lost and the per-publisher figures; keeps "copies".
void recount_end_to_end(nlohmann::json& merged);

// Reports of --shard copies merge only with each other, each copy once, all of the same number of copies.
tl::expected<void, std::string> check_shards(const std::vector<nlohmann::json>& reports);

int run_merge(const RunContext& context);

}  // namespace mq::mqbench
