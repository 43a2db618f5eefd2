#pragma once
// Options whose letter and value rules are the same in every tool, though their wording differs a little
// (-q for publishing or subscribing, -W for what the tool waits for): declared here once so the letter,
// the value name and the check cannot drift apart between tools.
#include <optional>
#include <string>

#include "mq/cli/cli_fwd.hpp"

namespace mq::cli {

// -q/--qos QOS: 0, 1 or 2.
CLI::Option* add_qos_option(CLI::App& app, int& qos, const std::string& description);

// -W/--timeout DURATION: seconds or a duration with a unit.
CLI::Option* add_timeout_option(CLI::App& app, std::optional<std::string>& timeout, const std::string& description);

}  // namespace mq::cli
