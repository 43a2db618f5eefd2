#pragma once
// CLI11 validators shared by every tool, so a duration or a QoS is checked the same way everywhere.
#include <CLI/CLI.hpp>

namespace mq::cli {

// Accepts "10", "1.5s", "500ms", "2m", ...; rejects anything parse_duration rejects.
CLI::Validator duration_check();

// Rewrites a duration into whole seconds for options that hold an int ("2m" -> "120").
CLI::Validator duration_as_seconds();

}  // namespace mq::cli
