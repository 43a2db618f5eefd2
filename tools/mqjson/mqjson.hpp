#pragma once
// mqjson: fields out of JSON payloads (jq's everyday jobs, MQTT-aware) and JSON objects built to publish.
#include "mqjson/options.hpp"

namespace mq::mqjson {

// Reads stdin (raw JSON lines, or mqsub --json lines with --envelope) and prints rows; or --build.
// Returns the exit status; usage errors throw mq::Error.
int run(const Options& options);

int main(int argc, char** argv);

}  // namespace mq::mqjson
