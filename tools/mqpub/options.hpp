#pragma once
// mqpub's command line: the shared connection options plus what to publish and how.
#include <optional>
#include <string>
#include <vector>

#include "mq/cli/cli_fwd.hpp"
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
  bool null_separated = false;              // -0: records end with NUL instead of newline (implies -l)
  int qos = 0;
  bool retain = false;
  int repeat = 1;
  std::optional<std::string> repeat_delay;  // duration text
  std::optional<std::string> rate;          // "10/s"
  std::optional<std::string> topic_separator;  // --topic-from-line
  int max_inflight = 20;
  bool verbose = false;
  std::optional<std::string> retry_connect;  // N or "forever"
  // Request/response (mosquitto_rr).
  bool request_response = false;
  std::optional<std::string> response_topic;  // -e
  std::optional<std::string> timeout;         // -W
  std::optional<std::string> format;          // -F for the response
  bool no_newline = false;                    // -N
};

void define_cli(CLI::App& app, Options& options);

}  // namespace mq::mqpub
