#pragma once
// mqjson's own command line. The shared connection options (for subscribing itself) are added to the same
// App by the caller; define_cli only declares what is mqjson's.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mq/cli/cli_fwd.hpp"
#include "mq/core/connection_options.hpp"

namespace mq::mqjson {

struct Options {
  std::vector<std::string> arguments;  // fields (PATH or name=PATH), or key=value words with --build
  bool envelope = false;
  bool csv = false;
  bool json = false;
  bool null_separated = false;  // -0
  std::optional<std::string> where;
  std::optional<std::uint64_t> count;  // -C
  bool require = false;
  std::string on_invalid = "skip";
  bool build = false;
  bool stdin_lines = false;  // -l, with --build
  // Subscribing itself instead of reading stdin.
  ConnectionOptions connection;
  std::vector<std::string> topics;      // -t
  int qos = 0;                          // -q
  std::optional<std::string> timeout;   // -W
};

void define_cli(CLI::App& app, Options& options);

}  // namespace mq::mqjson
