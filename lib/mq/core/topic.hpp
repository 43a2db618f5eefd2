#pragma once
// Topic names and filters per MQTT 3.1.1 / 5.0: UTF-8, no U+0000, at most 65,535 bytes, wildcards only in
// filters and only as whole levels ('#' last).
#include <string>
#include <string_view>
#include <tl/expected.hpp>

namespace mq {

// The error text says what is wrong ("'+' must occupy a whole topic level"), without the topic itself.
tl::expected<void, std::string> validate_topic_name(std::string_view topic);
tl::expected<void, std::string> validate_topic_filter(std::string_view filter);

// Whether a valid topic name matches a valid filter ($-topics are not matched by leading wildcards).
bool topic_matches(std::string_view filter, std::string_view topic);

// Whether text is valid UTF-8 as MQTT allows it (no surrogates, no overlongs, no U+0000).
bool is_valid_mqtt_utf8(std::string_view text);

}  // namespace mq
