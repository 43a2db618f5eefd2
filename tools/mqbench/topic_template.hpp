#pragma once
// Topic, client id and user name templates: %i is the client index, %c the client id, %% a percent sign.
#include <cstdint>
#include <string>
#include <string_view>
#include <tl/expected.hpp>

namespace mq::mqbench {

// Refuses unknown escapes ("%x") and a trailing '%', so a typo fails before any connection is made.
tl::expected<void, std::string> check_template(std::string_view text);

std::string expand_template(std::string_view text, std::uint64_t index, std::string_view client_id);

// The filter that matches every topic of a publishing template: each level holding %i or %c becomes +.
std::string wildcard_filter(std::string_view topic_template);

}  // namespace mq::mqbench
