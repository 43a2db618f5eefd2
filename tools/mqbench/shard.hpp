#pragma once
// One copy of a run spread over hosts: `--shard i/n` (or a Kubernetes indexed job's JOB_COMPLETION_INDEX
// with --shard-count n). Copy i uses client indexes i*clients .. i*clients+clients-1, so client ids,
// %i topics and user names, and the publisher ids in the payload headers never collide between copies,
// and `mqbench merge` can count loss per publisher over every copy's subscribers.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>

namespace mq::mqbench {

struct Shard {
  std::uint32_t index = 0;
  std::uint32_t count = 1;  // 1: not sharded
  bool operator==(const Shard&) const = default;
};

struct ShardError {
  std::string option;  // what to fix: "--shard 2/2"
  std::string why;
  std::string hint;
  bool operator==(const ShardError&) const = default;
};

// "i/n" with 0 <= i < n.
tl::expected<Shard, std::string> parse_shard(std::string_view text);

// The shard of this copy from --shard, --shard-count and the JOB_COMPLETION_INDEX variable (its value, or
// nullopt when unset). The variable is only read when --shard or --shard-count asks for sharding.
tl::expected<Shard, ShardError> resolve_shard(const std::optional<std::string>& shard_option,
                                              const std::optional<std::uint32_t>& count_option,
                                              const std::optional<std::string>& job_completion_index);

// The first client index of this copy when each copy runs `per_copy` clients of a kind; refuses a run
// whose indexes would not fit the 32-bit publisher id of the payload header.
tl::expected<std::uint32_t, std::string> shard_first_index(const Shard& shard, std::uint32_t per_copy);

}  // namespace mq::mqbench
