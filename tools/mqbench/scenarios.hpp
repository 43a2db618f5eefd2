#pragma once
// The modes as a table {name, help, run}: main dispatches by name, --help lists them from here.
#include <cstdint>
#include <span>
#include <string_view>

#include "mq/core/connection_options.hpp"
#include "mqbench/plan.hpp"
#include "mqbench/stop_flag.hpp"

namespace mq::mqbench {

class WorkerLink;

struct RunContext {
  const Plan& plan;
  const ResolvedConnection& connection;                  // the base every client's connection is derived from
  const std::optional<std::string>& client_id_template;  // -i, with %i per client
  StopFlag& stop;
  std::uint32_t first_index = 0;  // this worker's first client index (client ids stay unique across workers)
  std::uint32_t first_subscriber = 0;  // pubsub workers: the first subscriber index
  WorkerLink* link = nullptr;          // in a worker process: the line to the parent
};

struct Scenario {
  std::string_view name;
  std::string_view help;
  int (*run)(const RunContext& context);
};

std::span<const Scenario> scenarios();

}  // namespace mq::mqbench
