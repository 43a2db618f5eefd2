#pragma once
// mqbench's command line: a mode (conn, pub, sub, pubsub, ping), the shared connection options, and the
// load shape. Bench-only options are long; short letters keep their meaning from mqpub/mqsub.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mq/cli/cli_fwd.hpp"
#include "mq/core/connection_options.hpp"

namespace mq::mqbench {

struct Options {
  ConnectionOptions connection;
  std::string mode;
  int qos = 0;
  bool retain = false;
  std::optional<std::string> topic;            // -t: publish topic template (%i, %c); the filter in `sub`
  std::optional<std::string> subscribe_topic;  // --sub-topic: subscribers' filter in pubsub
  std::uint32_t clients = 1;           // publishers (pub, pubsub), subscribers (sub), connections (conn)
  std::uint32_t subscribers = 1;       // pubsub only
  std::optional<std::uint64_t> count;  // -C
  std::optional<std::string> duration;
  std::optional<std::string> rate;      // total msg/s
  std::optional<std::string> interval;  // per client
  std::size_t size = 64;
  std::optional<std::string> warmup;
  std::optional<std::string> timeout;       // -W: wait for stragglers / ping answers
  std::optional<std::string> connect_rate;  // conn/s
  std::optional<std::string> hold;          // conn: keep the connections open this long
  int inflight = 20;
  int ping_connections = 1;
  std::uint64_t max_errors = 0;
  std::optional<std::uint32_t> workers;      // processes to shard the clients over
  std::optional<std::string> shard;          // "i/n": this copy of a run spread over n hosts
  std::optional<std::uint32_t> shard_count;  // n, the index then from JOB_COMPLETION_INDEX
  std::optional<std::string> json;           // FILE or '-'
  std::optional<std::string> csv;            // FILE: one row per second
  std::optional<std::string> fail_if;        // 'p99>50ms,loss>0'
  std::vector<std::string> reports;          // merge: the --json files of the runs to merge
};

void define_cli(CLI::App& app, Options& options);

}  // namespace mq::mqbench
