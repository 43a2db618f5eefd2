#pragma once
// Every tool's main goes through run_tool: arguments from the options file, profile and command line are
// parsed by the tool's CLI11 definition, then the tool runs; any error becomes one stderr line
// "<tool>: error: <what>: <why> (<hint>)" and a documented exit status (lib/mq/core/exit_status.hpp).
#include <functional>
#include <string>
#include <string_view>

#include "mq/cli/cli_fwd.hpp"

namespace mq::cli {

struct ToolDescription {
  std::string_view name;     // "mqpub"
  std::string_view summary;  // one line for --help
};

struct ToolHooks {
  std::function<void(CLI::App&)> define;     // adds the tool's options (shared ones included)
  std::function<int()> run;                   // runs with the parsed options; returns the exit status
  std::function<std::string()> version_text;  // what --version prints
  // The arguments were already read once by a process that handed this run over (mqpub to mqpub-paho),
  // which printed the warnings about them (a profile others can read, ...): not twice.
  bool warnings_already_printed = false;
};

int run_tool(const ToolDescription& tool, int argc, char** argv, const ToolHooks& hooks);

// Builds a tool's App with the shared conventions (--help not -h, last value wins, --version, -o, --profile).
void configure_app(CLI::App& app, const ToolDescription& tool, const std::function<std::string()>& version_text);

// Prints "<tool>: error: <text>" on stderr, stdout flushed first (run_tool's, and for the few failures before
// it can catch: mqpub-paho's argument hand-over).
void print_error(std::string_view tool, std::string_view text);

// Prints "<tool>: warning: <text>" on stderr.
void print_warning(std::string_view tool, std::string_view text);

}  // namespace mq::cli
