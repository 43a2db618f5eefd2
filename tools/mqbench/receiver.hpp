#pragma once
// What subscribers measure, fed from Paho's receive thread: every message with a valid header is counted
// once here (received), then as unique/duplicate/reordered per publisher, and its latency is recorded
// unless it was sent during --warmup. End-to-end latency runs from the *intended* send time (so a
// stalled publisher cannot hide queueing: no coordinated omission), service latency from the actual one.
#include <cstdint>
#include <mutex>
#include <utility>
#include <vector>

#include "mq/output/message.hpp"
#include "mqbench/histogram.hpp"
#include "mqbench/sequence_tracker.hpp"

namespace mq::mqbench {

struct ReceiverSnapshot {
  std::uint64_t received = 0;  // messages with an mqbench header, duplicates included
  std::uint64_t unique = 0;
  std::uint64_t duplicates = 0;
  std::uint64_t reordered = 0;
  std::uint64_t foreign = 0;  // messages without an mqbench header
};

class Receiver {
 public:
  // One tracker per independent copy of the stream: each plain subscriber gets every message, while the
  // members of a $share group together get one copy.
  explicit Receiver(std::size_t copies) : trackers_(copies) {}

  void take(std::size_t copy, const output::Message& message);

  ReceiverSnapshot snapshot() const;
  // End-to-end latency so far, for the live status line: {p50, p99} in ns.
  std::pair<std::int64_t, std::int64_t> latency_p50_p99() const;
  // End-to-end latency of the messages measured since the previous call (for per-second rows); resets it.
  Histogram take_interval();
  // Call once the subscribers are disconnected (nothing else touches the receiver then).
  const std::vector<SequenceTracker>& trackers() const { return trackers_; }
  const Histogram& end_to_end() const { return end_to_end_; }
  const Histogram& service() const { return service_; }

 private:
  mutable std::mutex mutex_;
  std::vector<SequenceTracker> trackers_;
  Histogram end_to_end_;
  Histogram service_;
  Histogram interval_;
  ReceiverSnapshot counts_;
};

}  // namespace mq::mqbench
