#include <string>
#include <vector>

#include "mq/cli/tool_runner.hpp"
#include "mq/core/error.hpp"
#include "mqpub/mqpub.hpp"
#include "mqpub/paho_engine.hpp"

// mqpub-paho: the same tool with Paho linked in, for TLS, websockets, -c, -d and --rr. mqpub hands its
// arguments over in a memory file (paho_engine.hpp); run directly, it reads its own command line.
int main(int argc, char** argv) {
  mq::mqpub::HandedOver handed;
  try {
    handed = mq::mqpub::handed_over_arguments(argc, argv);
  } catch (const mq::Error& error) {
    mq::cli::print_error("mqpub", error.what());
    return error.exit_code();
  }
  std::vector<char*> pointers;
  for (auto& argument : handed.arguments) pointers.push_back(argument.data());
  pointers.push_back(nullptr);
  return mq::mqpub::main(static_cast<int>(handed.arguments.size()), pointers.data(), &mq::mqpub::paho_engine(),
                         handed.from_mqpub);
}
