#pragma once
// A received message as the output layer sees it (the type lives in core: both MQTT clients make it).
#include "mq/core/message_properties.hpp"
#include "mq/core/received_message.hpp"

namespace mq::output {

// Shared with the publishing side, so it lives in core.
using MessageProperties = mq::MessageProperties;
using Message = mq::ReceivedMessage;

}  // namespace mq::output
