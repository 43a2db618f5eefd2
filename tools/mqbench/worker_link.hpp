#pragma once
// The line between a worker process and its parent: one JSON object per line each way over a pair of
// pipes. Workers send "tick" (running totals and the second's latency histogram), "ready" (connected and
// subscribed), "published" (how many they sent); the parent answers "go" (start publishing, every
// subscriber everywhere is in place) and "expected" (what all publishers together sent).
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "mqbench/stop_flag.hpp"

namespace mq::mqbench {

class WorkerLink {
 public:
  WorkerLink(int to_parent, int from_parent) : to_parent_(to_parent), from_parent_(from_parent) {}

  void send(const nlohmann::json& message);  // thread-safe; a parent gone away is ignored
  // Waits for the parent's next message of `type`; nullopt on stop or when the parent closed the pipe.
  std::optional<nlohmann::json> wait_for(const std::string& type, const StopFlag& stop);

 private:
  int to_parent_;
  int from_parent_;
  std::mutex send_mutex_;
  std::string received_;
};

// Splits complete lines off `buffer` (keeping a partial last line there) and parses each; lines that
// are not JSON objects are skipped.
std::vector<nlohmann::json> take_messages(std::string& buffer);

}  // namespace mq::mqbench
