#pragma once
// mqsub's command line: the shared connection options plus what to subscribe to, which messages to keep,
// how to print them and when to stop. std::optional means "not given"; the texts are checked by CLI11 and
// turned into values in mqsub.cpp (with option_values.hpp).
#include <optional>
#include <string>
#include <vector>

#include "mq/cli/cli_fwd.hpp"
#include "mq/core/connection_options.hpp"

namespace mq::mqsub {

struct Options {
  ConnectionOptions connection;
  // What to subscribe to.
  std::vector<std::string> topics;       // -t
  std::vector<std::string> unsubscribe;  // -U
  int qos = 0;
  bool retain_as_published = false;
  std::optional<std::string> retain_handling;  // always | new | never, or 0 | 1 | 2
  bool no_local = false;
  // Which messages to keep.
  std::vector<std::string> filter_out;  // -T
  bool no_stale_retained = false;       // -R
  bool retained_only = false;
  bool remove_retained = false;
  std::optional<double> random_percent;     // --random-filter
  std::optional<std::string> grep;          // payload must match
  std::optional<std::string> grep_invert;   // payload must not match
  std::string regex_syntax = "ecmascript";  // or posix (extended)
  // How to print them.
  bool verbose = false;               // -v
  bool no_newline = false;            // -N
  bool null_separated = false;        // -0
  std::optional<std::string> format;  // -F
  bool json = false;
  bool pretty = false;
  // When to stop.
  std::optional<int> count;                 // -C
  std::optional<std::string> timeout;       // -W duration text
  std::optional<std::string> idle_timeout;  // duration text
  bool exit_after_subscribe = false;        // -E
  // Losing the connection.
  std::optional<std::string> reconnect_delay;  // MIN[,MAX]
  bool no_reconnect = false;
};

void define_cli(CLI::App& app, Options& options);

}  // namespace mq::mqsub
