#pragma once
// One subscription per benchmark client; a refusal (reason code >= 0x80) becomes an mq::Error.
#include <string>

#include "mq/core/subscribe_client.hpp"

namespace mq::mqbench {

void subscribe_filter(SubscribeClient& client, const std::string& filter, int qos, const std::string& client_id);

}  // namespace mq::mqbench
