#pragma once
// The one declaration of the connection options every tool shares. Each option carries its MQ_<LONG_NAME>
// environment variable and its group, so --help, the man pages and the completions are generated from here.

#include "mq/cli/cli_fwd.hpp"
#include "mq/core/connection_options.hpp"

namespace mq::cli {

inline constexpr const char* group_connection = "Connection";
inline constexpr const char* group_authentication = "Authentication";
inline constexpr const char* group_session = "Session and will";
inline constexpr const char* group_tls = "TLS";
inline constexpr const char* group_network = "Network";
inline constexpr const char* group_general = "General";

void add_connection_options(CLI::App& app, ConnectionOptions& options);

}  // namespace mq::cli
