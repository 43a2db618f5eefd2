#include "mqbench/receiver.hpp"

#include "mqbench/clock.hpp"
#include "mqbench/payload_header.hpp"

namespace mq::mqbench {

void Receiver::take(std::size_t copy, const output::Message& message) {
  const std::int64_t arrived_ns = wall_ns(message.received_at);
  const auto header = decode_header(message.payload);
  std::lock_guard lock(mutex_);
  if (!header || copy >= trackers_.size()) {
    ++counts_.foreign;
    return;
  }
  ++counts_.received;
  SequenceTracker& tracker = trackers_[copy];
  const auto before = tracker.publishers().count(header->publisher_id) != 0
                          ? tracker.publishers().at(header->publisher_id)
                          : SequenceCounts{};
  tracker.record(header->publisher_id, header->sequence);
  const SequenceCounts& after = tracker.publishers().at(header->publisher_id);
  if (after.duplicates != before.duplicates) {
    ++counts_.duplicates;
    return;  // a duplicate's latency would count the same message twice
  }
  ++counts_.unique;
  if (after.reordered != before.reordered) ++counts_.reordered;
  if (header->warmup) return;
  end_to_end_.record(arrived_ns - header->intended_ns);
  interval_.record(arrived_ns - header->intended_ns);
  service_.record(arrived_ns - header->sent_ns);
}

std::pair<std::int64_t, std::int64_t> Receiver::latency_p50_p99() const {
  std::lock_guard lock(mutex_);
  return {end_to_end_.percentile(50), end_to_end_.percentile(99)};
}

Histogram Receiver::take_interval() {
  std::lock_guard lock(mutex_);
  Histogram taken = interval_;
  interval_.clear();
  return taken;
}

ReceiverSnapshot Receiver::snapshot() const {
  std::lock_guard lock(mutex_);
  return counts_;
}

}  // namespace mq::mqbench
