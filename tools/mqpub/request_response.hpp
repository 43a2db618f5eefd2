#pragma once
// mosquitto_rr as `mqpub --rr`: subscribe to the response topic, publish the request with response-topic
// and correlation-data (MQTT 5), print the matching response, exit 27 if none came within -W.
#include <string>

#include "mq/core/connection_options.hpp"
#include "mq/core/signals.hpp"
#include "mqpub/options.hpp"

namespace mq::mqpub {

int request_response(const Options& options, ResolvedConnection connection, const std::string& request_topic,
                     const std::string& payload, SignalWatcher& signals);

}  // namespace mq::mqpub
