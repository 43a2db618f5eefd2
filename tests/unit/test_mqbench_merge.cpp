#include <doctest/doctest.h>

#include "mqbench/merge.hpp"
#include "mqbench/report.hpp"

using namespace mq::mqbench;

namespace {

nlohmann::json report_of(const Histogram& latency, std::uint64_t sent, double rate, double seconds) {
  return {{"mode", "pubsub"},
          {"sent", sent},
          {"received", sent},
          {"lost", std::uint64_t{1}},
          {"sent_per_second", rate},
          {"publish_seconds", seconds},
          {"errors", {{"send buffer full", std::uint64_t{2}}}},
          {"per_publisher", nlohmann::json::array({{{"id", 0}}})},
          {"latency", histogram_to_json(latency)}};
}

}  // namespace

TEST_CASE("mqbench::merge: a split run merges to the whole run exactly") {
  Histogram first, second, whole;
  for (std::int64_t v = 1; v <= 3000; ++v) {
    const std::int64_t value = v * v * 37;  // spread over many buckets
    (v % 3 == 0 ? first : second).record(value);
    whole.record(value);
  }
  const auto merged =
      merge_reports({report_of(first, 1000, 100.5, 2.0), report_of(second, 2000, 200.25, 3.0)});
  REQUIRE(merged);
  CHECK((*merged)["sent"] == 3000);
  CHECK((*merged)["lost"] == 2);
  CHECK((*merged)["sent_per_second"].get<double>() == doctest::Approx(300.75));
  CHECK((*merged)["publish_seconds"].get<double>() == doctest::Approx(3.0));
  CHECK((*merged)["errors"]["send buffer full"] == 4);
  CHECK((*merged)["per_publisher"].size() == 2);
  CHECK((*merged)["merged_reports"] == 2);
  const auto latency = (*merged)["latency"];
  const auto expected = histogram_to_json(whole);
  CHECK(latency["buckets"] == expected["buckets"]);
  for (const char* key : {"count", "min_ns", "p50_ns", "p90_ns", "p99_ns", "p99_9_ns", "max_ns"})
    CHECK(latency[key] == expected[key]);
}

TEST_CASE("mqbench::merge: refusals") {
  CHECK(merge_reports({}).error() == "no reports to merge");
  CHECK(merge_reports({{{"mode", "pub"}}, {{"mode", "ping"}}}).error() ==
        "report 2 is a 'ping' report, report 1 a 'pub' one");
  nlohmann::json broken{{"mode", "pub"}, {"latency", {{"buckets", nlohmann::json::array()}}}};
  CHECK(merge_reports({broken, broken}).error().rfind("report 1, latency: not an mqbench histogram: ", 0) ==
        0);
}

TEST_CASE("mqbench::merge: what only some reports have is kept (a worker with publishers only)") {
  Histogram latency;
  latency.record(1000);
  const nlohmann::json publishers_only{{"mode", "pubsub"},
                                       {"sent", 10},
                                       {"reconnects", 1},
                                       {"errors", nlohmann::json::object()},
                                       {"per_publisher", nlohmann::json::array({{{"id", 0}, {"sent", 10}}})}};
  const nlohmann::json subscribers_only{{"mode", "pubsub"},
                                        {"received", 10},
                                        {"reconnects", 2},
                                        {"errors", {{"lost", 1}}},
                                        {"latency", histogram_to_json(latency)}};
  auto merged = merge_reports({publishers_only, subscribers_only});
  REQUIRE(merged);
  CHECK((*merged)["sent"] == 10);
  CHECK((*merged)["received"] == 10);
  CHECK((*merged)["reconnects"] == 3);
  CHECK((*merged)["errors"]["lost"] == 1);
  CHECK((*merged)["latency"]["count"] == 1);
  CHECK((*merged)["per_publisher"].size() == 1);
  merged = merge_reports({subscribers_only, publishers_only});
  REQUIRE(merged);
  CHECK((*merged)["per_publisher"].size() == 1);  // taken once, not appended to itself
  CHECK((*merged)["errors"]["lost"] == 1);
}

namespace {

// One --shard copy of a pubsub: its publisher, and its subscriber's counts of every copy's publishers.
nlohmann::json shard_report(std::uint32_t index, std::uint32_t publisher, std::uint64_t sent,
                            const nlohmann::json& heard, std::uint64_t provisional_lost) {
  return {{"mode", "pubsub"},
          {"shard", {{"index", index}, {"count", 2}}},
          {"sent", sent},
          {"lost", provisional_lost},
          {"expected", sent * 2},
          {"per_publisher", nlohmann::json::array({{{"id", publisher}, {"sent", sent}}})},
          {"copies", nlohmann::json::array({heard})}};
}

}  // namespace

TEST_CASE("mqbench::merge: --shard copies of a pubsub count loss per publisher over every copy") {
  // Copy 0's subscriber missed one message of copy 1's publisher and got one twice; its own report could
  // not know (it counts only its own publisher). Copy 1's subscriber heard everything.
  const auto first = shard_report(0, 0, 10, {{"0", {10, 0, 0}}, {"1", {9, 1, 2}}}, 0);
  const auto second = shard_report(1, 1, 10, {{"0", {10, 0, 0}}, {"1", {10, 0, 0}}}, 0);
  REQUIRE(check_shards({first, second}));
  auto merged = merge_reports({first, second});
  REQUIRE(merged);
  CHECK((*merged)["copies"].size() == 2);
  recount_end_to_end(*merged);
  CHECK((*merged)["expected"] == 40);
  CHECK((*merged)["lost"] == 1);
  const auto& publishers = (*merged)["per_publisher"];
  REQUIRE(publishers.size() == 2);
  CHECK(publishers[0] ==
        nlohmann::json{
            {"id", 0}, {"sent", 10}, {"received", 20}, {"lost", 0}, {"duplicates", 0}, {"reordered", 0}});
  CHECK(publishers[1] ==
        nlohmann::json{
            {"id", 1}, {"sent", 10}, {"received", 19}, {"lost", 1}, {"duplicates", 1}, {"reordered", 2}});
}

TEST_CASE("mqbench::merge: --shard copies merge once each") {
  const auto copy = [](std::uint32_t index, std::uint32_t count) {
    return nlohmann::json{{"mode", "conn"}, {"shard", {{"index", index}, {"count", count}}}};
  };
  CHECK(check_shards({{{"mode", "conn"}}, {{"mode", "conn"}}}));  // not sharded: nothing to check
  CHECK(check_shards({copy(1, 3), copy(0, 3)}));                  // in any order, some copies missing
  CHECK(check_shards({copy(0, 2), copy(0, 2)}).error() ==
        "report 2 is copy 0 again (its client ids collided)");
  CHECK(check_shards({copy(0, 2), copy(1, 3)}).error() == "report 2 is a copy of 3, report 1 of 2");
  CHECK(check_shards({copy(0, 2), {{"mode", "conn"}}}).error() ==
        "report 2 is not a --shard copy, others are");
  CHECK(check_shards({{{"mode", "conn"}}, copy(0, 2)}).error() ==
        "report 1 is not a --shard copy, others are");
}
