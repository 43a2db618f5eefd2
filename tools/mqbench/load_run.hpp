#pragma once
#include <cstdio>
#include <nlohmann/json.hpp>

#include "mqbench/scenarios.hpp"

namespace mq::mqbench {

// Publishers on an open-loop schedule (pub), subscribers measuring what arrives (sub), or both in one
// run with end-to-end latency, loss, duplicates and reordering per publisher (pubsub).
int run_pub(const RunContext& context);
int run_sub(const RunContext& context);
int run_pubsub(const RunContext& context);

// The human summary of a pub, sub or pubsub run, from its --json summary (a worker-sharded run prints
// its merged report the same way).
void print_load_summary(std::FILE* out, const nlohmann::json& summary);

}  // namespace mq::mqbench
