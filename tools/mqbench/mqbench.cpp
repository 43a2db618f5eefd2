#include "mqbench/mqbench.hpp"

#include "mq/cli/connection_cli.hpp"
#include "mq/cli/tool_runner.hpp"
#include "mq/core/error.hpp"
#include "mq/core/exit_status.hpp"
#include "mq/paho/client.hpp"

namespace mq::mqbench {
namespace {
constexpr cli::ToolDescription tool{"mqbench", "MQTT load generator (not implemented yet: see issue 6)"};
}

int main(int argc, char** argv) {
  ConnectionOptions connection;
  return cli::run_tool(tool, argc, argv,
                       {[&](CLI::App& app) { cli::add_connection_options(app, connection); },
                        []() -> int {
                          throw Error(exit_status::usage, "mqbench", "no benchmark modes exist yet",
                                      "this build only has the shared options");
                        },
                        [] { return paho::version_text("mqbench"); }});
}

}  // namespace mq::mqbench
