#pragma once
// Shards a run over worker processes (fork), each with its own Paho threads and a slice of the clients,
// then merges their --json reports exactly (merge.hpp) and prints the summary once. Paho has one send and
// one receive thread per process and per-connection costs that grow with the process's connections, so
// slices of ~500 connect much faster than one process holding them all.
#include "mqbench/scenarios.hpp"

namespace mq::mqbench {

// Used by `conn` when plan.workers > 1. Must run before this process made any Paho client.
int run_conn_sharded(const RunContext& context);

// pub, sub and pubsub when plan.workers > 1: each worker runs `runner` on its share of the publishers,
// the subscribers and the messages, streams its running totals and latency to this process once a
// second (--csv, status line), and starts publishing with the others; the reports merge exactly, and
// pubsub loss is recounted over every subscriber against every publisher.
int run_load_sharded(const RunContext& context, int (*runner)(const RunContext&));

}  // namespace mq::mqbench
