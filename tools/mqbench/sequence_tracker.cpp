#include "mqbench/sequence_tracker.hpp"

#include <algorithm>

namespace mq::mqbench {

void SequenceTracker::record(std::uint32_t publisher, std::uint64_t sequence) {
  SequenceCounts& counts = publishers_[publisher];
  std::vector<bool>& seen = seen_[publisher];
  if (sequence >= seen.size()) seen.resize(std::max<std::size_t>(sequence + 1, seen.size() * 2), false);
  if (seen[sequence]) {
    ++counts.duplicates;
    return;
  }
  seen[sequence] = true;
  if (counts.unique > 0 && sequence < counts.highest) ++counts.reordered;
  counts.highest = counts.unique == 0 ? sequence : std::max(counts.highest, sequence);
  ++counts.unique;
}

SequenceCounts SequenceTracker::totals() const {
  SequenceCounts sum;
  for (const auto& [publisher, counts] : publishers_) {
    sum.unique += counts.unique;
    sum.duplicates += counts.duplicates;
    sum.reordered += counts.reordered;
    sum.highest = std::max(sum.highest, counts.highest);
  }
  return sum;
}

std::uint64_t SequenceTracker::gaps() const {
  std::uint64_t missing = 0;
  for (const auto& [publisher, counts] : publishers_) missing += counts.highest + 1 - counts.unique;
  return missing;
}

std::uint64_t SequenceTracker::unique_below(std::uint32_t publisher, std::uint64_t limit) const {
  const auto found = seen_.find(publisher);
  if (found == seen_.end()) return 0;
  const auto& seen = found->second;
  const auto end = seen.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(limit, seen.size()));
  return static_cast<std::uint64_t>(std::count(seen.begin(), end, true));
}

}  // namespace mq::mqbench
