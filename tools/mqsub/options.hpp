#pragma once
// mqsub's command line: the shared connection options plus what to subscribe to and how to print it.
#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

#include "mq/core/connection_options.hpp"

namespace mq::mqsub {

struct Options {
  ConnectionOptions connection;
  std::vector<std::string> topics;          // -t
  std::vector<std::string> filter_out;      // -T
  int qos = 0;
  std::optional<int> count;                 // -C
  std::optional<std::string> timeout;       // -W duration text
  bool verbose = false;                     // -v
  bool no_newline = false;                  // -N
  bool no_stale_retained = false;           // -R
  bool exit_after_subscribe = false;        // -E
  bool retained_only = false;
};

void define_cli(CLI::App& app, Options& options);

}  // namespace mq::mqsub
