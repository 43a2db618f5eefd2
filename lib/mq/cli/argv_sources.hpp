#pragma once
// Where a tool's arguments come from, in increasing priority: the options file (mosquitto's idea: one
// option per line, `$XDG_CONFIG_HOME/<tool>` or `-o FILE`), a named profile shared by all tools
// (`--profile NAME` or MQ_PROFILE: `$XDG_CONFIG_HOME/mq/NAME`), then the command line. Single-valued options
// take the last value, so the command line wins; repeatable ones (-t) accumulate, as in mosquitto.
#include <string>
#include <string_view>
#include <vector>

namespace mq::cli {

struct ArgvSources {
  std::vector<std::string> arguments;  // in order, without the program name
  std::vector<std::string> warnings;   // e.g. a password in a file others can read
};

// Throws mq::Error(usage) for an unreadable -o file or an unknown profile.
ArgvSources collect_arguments(std::string_view tool, int argc, const char* const* argv);

// Splits an options file's text into arguments: blank lines and '#' comments are skipped; each line is an
// option, optionally followed by whitespace and its value (the rest of the line, spaces kept).
std::vector<std::string> split_options_text(std::string_view text);

// Overwrites password values in argv (-P X, -PX, --pw X, --pw=X) so they do not show in ps.
void wipe_passwords(int argc, char** argv);

std::string config_home();  // $XDG_CONFIG_HOME, else $HOME/.config

}  // namespace mq::cli
