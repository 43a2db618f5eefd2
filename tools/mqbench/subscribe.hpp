#pragma once
// One subscription per benchmark client. With MQTT 5, mq::paho::Client::subscribe of a single filter
// reads Paho's SUBACK reason-code list, which Paho 1.3.12 leaves uninitialised for one filter (a crash on
// Paho's receive thread, seen here); subscribing together with a private, never-published filter makes
// Paho fill the list. Remove once client.cpp reads `reasonCode` for a single filter.
#include <string>

#include "mq/paho/client.hpp"

namespace mq::mqbench {

void subscribe_filter(paho::Client& client, const std::string& filter, int qos, const std::string& client_id);

}  // namespace mq::mqbench
