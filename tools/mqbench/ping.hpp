#pragma once
#include "mqbench/scenarios.hpp"

namespace mq::mqbench {

// Round-trips --count messages one at a time through the broker and reports RTT percentiles and loss;
// a message that does not come back within --timeout is lost, and any loss ends in exit status 27.
int run_ping(const RunContext& context);

}  // namespace mq::mqbench
