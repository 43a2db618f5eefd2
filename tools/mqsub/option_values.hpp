#pragma once
// mqsub's own option values that need more than a CLI11 check: each parser returns the value or a message
// that names the problem and the fix (the caller adds which option it was).
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <utility>

#include "mq/core/duration.hpp"

namespace mq::mqsub {

// --retain-handling: always|new|never as mosquitto 2.1 spells them, or the wire values 0|1|2.
tl::expected<int, std::string> parse_retain_handling(std::string_view text);

struct ReconnectDelay {
  Duration minimum;
  Duration maximum;
};

// --reconnect-delay MIN[,MAX]: MIN alone waits MIN between every attempt; MIN,MAX backs off from MIN to MAX.
// Paho counts whole seconds, so both must be at least 1s.
tl::expected<ReconnectDelay, std::string> parse_reconnect_delay(std::string_view text);

// -W and --idle-timeout: a duration above zero.
tl::expected<Duration, std::string> parse_positive_duration(std::string_view text);

}  // namespace mq::mqsub
