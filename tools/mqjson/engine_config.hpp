#pragma once
// From the command line to the engine's settings; usage errors throw mq::Error (exit 1) naming the field.
#include "mqjson/engine.hpp"
#include "mqjson/options.hpp"

namespace mq::mqjson {

EngineConfig make_engine_config(const Options& options);

}  // namespace mq::mqjson
