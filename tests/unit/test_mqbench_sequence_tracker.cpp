#include <doctest/doctest.h>

#include "mqbench/sequence_tracker.hpp"

using mq::mqbench::SequenceTracker;

TEST_CASE("mqbench::SequenceTracker: loss, duplicates and reordering per publisher") {
  SequenceTracker tracker;
  for (const std::uint64_t s : {0, 1, 3, 2, 2, 5}) tracker.record(7, s);
  for (const std::uint64_t s : {0, 1}) tracker.record(9, s);
  const auto& seven = tracker.publishers().at(7);
  CHECK(seven.unique == 5);
  CHECK(seven.duplicates == 1);
  CHECK(seven.reordered == 1);  // 2 arrived after 3
  CHECK(seven.highest == 5);
  CHECK(tracker.gaps() == 1);  // 4 is missing below the highest
  // Publisher 7 sent 8 (4, 6, 7 missing), 9 sent 2, 11 sent 3 and nothing arrived.
  const auto lost = tracker.lost({7, 9, 11}, [](std::uint32_t id) -> std::uint64_t {
    return id == 7 ? 8 : id == 9 ? 2 : 3;
  });
  CHECK(lost == 6);
  const auto totals = tracker.totals();
  CHECK(totals.unique == 7);
  CHECK(totals.duplicates == 1);
}

TEST_CASE("mqbench::SequenceTracker: messages beyond what was sent do not hide loss") {
  SequenceTracker tracker;
  tracker.record(1, 0);
  tracker.record(1, 5);
  CHECK(tracker.lost({1}, [](std::uint32_t) -> std::uint64_t { return 3; }) == 2);
}
