#pragma once
// mqjson -t FILTER: subscribe itself and feed each message to the engine, with the metadata at hand.
#include "mq/output/writer.hpp"
#include "mqjson/engine.hpp"
#include "mqjson/options.hpp"

namespace mq::mqjson {

// Returns the exit status: 0 after -C N matches or when stdout's reader left, 27 on -W, 47 with
// --on-invalid fail, 130 on SIGINT/SIGTERM.
int run_subscriber(const Options& options, Engine& engine, output::Writer& writer);

}  // namespace mq::mqjson
