#include "mqjson/mqjson.hpp"

#include "mq/cli/tool_runner.hpp"
#include "mq/paho/client.hpp"

namespace mq::mqjson {

int main(int argc, char** argv) {
  static constexpr cli::ToolDescription tool{
      "mqjson",
      "Print fields of JSON payloads (jq paths, MQTT metadata, --where), or --build JSON to publish"};
  Options options;
  return cli::run_tool(tool, argc, argv,
                       {[&](CLI::App& app) { define_cli(app, options); }, [&]() { return run(options); },
                        [] { return paho::version_text("mqjson"); }});
}

}  // namespace mq::mqjson
