#pragma once
// Loss, duplicates and reordering per publisher, from the sequence numbers in the payload headers. Each
// received message is counted exactly once here: as new (unique), as a duplicate, and new ones that arrive
// after a higher sequence number from the same publisher also as reordered.
#include <cstdint>
#include <map>
#include <vector>

namespace mq::mqbench {

struct SequenceCounts {
  std::uint64_t unique = 0;
  std::uint64_t duplicates = 0;
  std::uint64_t reordered = 0;
  std::uint64_t highest = 0;  // highest sequence seen (meaningful when unique > 0)
};

class SequenceTracker {
 public:
  void record(std::uint32_t publisher, std::uint64_t sequence);

  const std::map<std::uint32_t, SequenceCounts>& publishers() const { return publishers_; }
  SequenceCounts totals() const;
  // Messages missing when each publisher p was expected to deliver expected(p) messages (sequences
  // 0..expected-1). Publishers never heard from count in full.
  template <typename ExpectedFn>
  std::uint64_t lost(const std::vector<std::uint32_t>& all_publishers, ExpectedFn expected) const {
    std::uint64_t missing = 0;
    for (const std::uint32_t publisher : all_publishers) {
      const std::uint64_t want = expected(publisher);
      const auto found = publishers_.find(publisher);
      const std::uint64_t have = found == publishers_.end() ? 0 : unique_below(publisher, want);
      missing += want > have ? want - have : 0;
    }
    return missing;
  }
  // Gaps only: missing sequence numbers below the highest seen, for runs that do not know what was sent.
  std::uint64_t gaps() const;

 private:
  std::uint64_t unique_below(std::uint32_t publisher, std::uint64_t limit) const;

  std::map<std::uint32_t, SequenceCounts> publishers_;
  std::map<std::uint32_t, std::vector<bool>> seen_;
};

}  // namespace mq::mqbench
