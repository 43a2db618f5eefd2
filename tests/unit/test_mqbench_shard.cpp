#include <doctest/doctest.h>

#include "mqbench/shard.hpp"

using namespace mq::mqbench;

namespace {

ShardError refusal(const std::optional<std::string>& shard, const std::optional<std::uint32_t>& count,
                   const std::optional<std::string>& job_index) {
  const auto resolved = resolve_shard(shard, count, job_index);
  REQUIRE_FALSE(resolved);
  return resolved.error();
}

}  // namespace

TEST_CASE("mqbench::shard: parse_shard") {
  CHECK(parse_shard("0/1") == Shard{0, 1});
  CHECK(parse_shard("3/4") == Shard{3, 4});
  CHECK(parse_shard("0/4294967295") == Shard{0, 4294967295U});
  CHECK(parse_shard("2/2").error() == "no copy 2 of 2: copies are numbered 0 to 1");
  CHECK(parse_shard("0/0").error() == "a run of 0 copies");
  for (const char* garbage : {"", "1", "/", "1/", "/2", "a/2", "1/b", "-1/2", "+1/2", " 1/2", "1/2 ", "1/2/3",
                              "0x1/2", "1.0/2", "4294967296/4294967297"})
    CHECK(parse_shard(garbage).error() == "'" + std::string(garbage) + "' is not i/n");
}

TEST_CASE("mqbench::shard: --shard, --shard-count and JOB_COMPLETION_INDEX") {
  CHECK(resolve_shard(std::nullopt, std::nullopt, std::nullopt) == Shard{0, 1});
  // Without --shard or --shard-count the variable is not read (a job need not shard mqbench).
  CHECK(resolve_shard(std::nullopt, std::nullopt, "garbage") == Shard{0, 1});
  CHECK(resolve_shard("1/3", std::nullopt, std::nullopt) == Shard{1, 3});
  CHECK(resolve_shard("1/3", 3U, std::nullopt) == Shard{1, 3});
  CHECK(resolve_shard("1/3", std::nullopt, "1") == Shard{1, 3});
  CHECK(resolve_shard(std::nullopt, 3U, "2") == Shard{2, 3});
  CHECK(resolve_shard(std::nullopt, 1U, "0") == Shard{0, 1});
}

TEST_CASE("mqbench::shard: refusals name the input, why and what to do") {
  CHECK(refusal("2/2", std::nullopt, std::nullopt) ==
        ShardError{"--shard 2/2", "no copy 2 of 2: copies are numbered 0 to 1",
                   "e.g. --shard 0/4 for the first of four copies"});
  CHECK(refusal("x", std::nullopt, std::nullopt) ==
        ShardError{"--shard x", "'x' is not i/n", "e.g. --shard 0/4 for the first of four copies"});
  CHECK(refusal("0/0", std::nullopt, std::nullopt) ==
        ShardError{"--shard 0/0", "a run of 0 copies", "e.g. --shard 0/4 for the first of four copies"});
  CHECK(refusal(std::nullopt, 0U, "0") ==
        ShardError{"--shard-count 0", "a run of 0 copies", "give at least 1"});
  CHECK(refusal("1/2", 3U, std::nullopt) == ShardError{"--shard 1/2 and --shard-count 3",
                                                       "they disagree on the number of copies",
                                                       "give one of them"});
  CHECK(refusal("0/2", std::nullopt, "1") ==
        ShardError{"--shard 0/2", "JOB_COMPLETION_INDEX says this is copy 1",
                   "in an indexed job give --shard-count alone, or unset JOB_COMPLETION_INDEX"});
  CHECK(refusal("0/2", std::nullopt, "one") ==
        ShardError{"JOB_COMPLETION_INDEX=one", "not a copy index", "a number from 0, as Kubernetes sets it"});
  CHECK(refusal(std::nullopt, 4U, std::nullopt) == ShardError{"--shard-count 4",
                                                              "JOB_COMPLETION_INDEX is not set",
                                                              "outside an indexed job give --shard i/4"});
  CHECK(refusal(std::nullopt, 4U, "4") == ShardError{"JOB_COMPLETION_INDEX=4",
                                                     "no copy 4 of 4: copies are numbered 0 to 3",
                                                     "set --shard-count to the job's completions"});
  CHECK(refusal(std::nullopt, 4U, "-1") ==
        ShardError{"JOB_COMPLETION_INDEX=-1", "not a copy index", "a number from 0, as Kubernetes sets it"});
  CHECK(refusal(std::nullopt, 4U, "") ==
        ShardError{"JOB_COMPLETION_INDEX=", "not a copy index", "a number from 0, as Kubernetes sets it"});
}

TEST_CASE("mqbench::shard: copy i starts at i x clients, and no two copies share an index") {
  CHECK(shard_first_index(Shard{0, 1}, 500) == 0U);
  CHECK(shard_first_index(Shard{0, 2}, 500) == 0U);
  CHECK(shard_first_index(Shard{1, 2}, 500) == 500U);
  CHECK(shard_first_index(Shard{3, 4}, 7) == 21U);
  // Copies of clients 0..n*clients-1: exactly 2^32 indexes fit, one more does not.
  CHECK(shard_first_index(Shard{1, 2}, 2147483648U) == 2147483648U);
  CHECK(shard_first_index(Shard{0, 3}, 2147483648U).error() ==
        "3 copies of 2147483648 clients need more than 2^32 client indexes");
  const std::uint32_t clients = 3, copies = 4;
  std::vector<int> used(clients * copies, 0);
  for (std::uint32_t copy = 0; copy < copies; ++copy) {
    const auto first = shard_first_index(Shard{copy, copies}, clients);
    REQUIRE(first);
    for (std::uint32_t i = 0; i < clients; ++i) ++used.at(*first + i);
  }
  CHECK(std::all_of(used.begin(), used.end(), [](int times) { return times == 1; }));
}
