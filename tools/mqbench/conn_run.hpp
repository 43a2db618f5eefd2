#pragma once
#include "mqbench/scenarios.hpp"

namespace mq::mqbench {

// Opens --clients connections at --connect-rate, holds them for --hold, reports connect-time percentiles
// and failures by reason.
int run_conn(const RunContext& context);

}  // namespace mq::mqbench
