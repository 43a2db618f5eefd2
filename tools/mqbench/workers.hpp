#pragma once
// Shards a run over worker processes (fork), each with its own Paho threads and a slice of the clients,
// then merges their --json reports exactly (merge.hpp) and prints the summary once. Paho has one send and
// one receive thread per process and per-connection costs that grow with the process's connections, so
// slices of ~500 connect much faster than one process holding them all.
#include "mqbench/scenarios.hpp"

namespace mq::mqbench {

// Used by `conn` when plan.workers > 1. Must run before this process made any Paho client.
int run_conn_sharded(const RunContext& context);

}  // namespace mq::mqbench
