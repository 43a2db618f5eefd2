#pragma once
#include "mqbench/scenarios.hpp"

namespace mq::mqbench {

// Publishers on an open-loop schedule (pub), subscribers measuring what arrives (sub), or both in one
// run with end-to-end latency, loss, duplicates and reordering per publisher (pubsub).
int run_pub(const RunContext& context);
int run_sub(const RunContext& context);
int run_pubsub(const RunContext& context);

}  // namespace mq::mqbench
