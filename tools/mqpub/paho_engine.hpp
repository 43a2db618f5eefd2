#pragma once
// What mqpub needs Paho for: TLS and websockets, resuming a persistent session (-c), -d's packet trace and
// --rr. Plain TCP publishing uses mq::wire and loads neither Paho nor OpenSSL, which saves about 4 ms of a
// one-shot publish (loading libcrypto alone costs that). So there are two executables from one source:
// `mqpub` (without Paho) and `mqpub-paho` (with it, installed in libexec); the first hands a run that needs
// Paho to the second with exec, before it has read any input.
#include <memory>
#include <string>
#include <vector>

#include "mq/core/connection_options.hpp"
#include "mq/core/publish_client.hpp"
#include "mq/core/signals.hpp"
#include "mqpub/options.hpp"

namespace mq::mqpub {

struct PahoEngine {
  void (*prepare_process)(bool debug);
  std::string (*version_text)();
  std::unique_ptr<PublishClient> (*make_client)(const ResolvedConnection& connection, const ClientSettings& settings);
  int (*request_response)(const Options& options, ResolvedConnection connection, const std::string& request_topic,
                          const std::string& payload, SignalWatcher& signals);
};

// Defined in paho_engine.cpp, which only mqpub-paho links.
const PahoEngine& paho_engine();

// Whether this run needs Paho (see above).
bool needs_paho(const Options& options, const ResolvedConnection& connection);

// Replaces the process by mqpub-paho (next to this executable, or in ../libexec/mq/) run with `arguments`,
// the command line as given (passwords included: the caller copies argv before it is wiped). They travel
// in a memory file, never on the new command line, where ps would show them. Throws mq::Error when it cannot.
[[noreturn]] void exec_paho_variant(const std::vector<std::string>& arguments);

// mqpub-paho's side: "--arguments-fd N" as the only arguments means "read them from that file"; otherwise
// the command line itself. The returned strings back the argv that main() hands on.
struct HandedOver {
  std::vector<std::string> arguments;
  bool from_mqpub = false;
};
HandedOver handed_over_arguments(int argc, char** argv);

}  // namespace mq::mqpub
