#pragma once
// mqpub's command line: the shared connection options plus what to publish and how.
#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

#include "mq/core/connection_options.hpp"

namespace mq::mqpub {

struct Options {
  ConnectionOptions connection;
  std::optional<std::string> topic;
  // Exactly one message source.
  std::optional<std::string> message;       // -m
  std::optional<std::string> file;          // -f
  bool whole_stdin = false;                 // -s
  bool stdin_lines = false;                 // -l
  bool null_message = false;                // -n
  int qos = 0;
  bool retain = false;
  int repeat = 1;
  std::optional<std::string> repeat_delay;  // duration text
  int max_inflight = 20;
  bool verbose = false;
};

void define_cli(CLI::App& app, Options& options);

}  // namespace mq::mqpub
