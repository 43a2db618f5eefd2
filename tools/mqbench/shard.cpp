#include "mqbench/shard.hpp"

#include <fmt/format.h>

#include <charconv>
#include <limits>

namespace mq::mqbench {
namespace {

// Digits only: no sign, no spaces, no "0x" (from_chars alone would take a leading '-' for signed types).
std::optional<std::uint32_t> parse_count(std::string_view text) {
  if (text.empty() || text.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
  std::uint32_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

tl::expected<Shard, std::string> parse_shard(std::string_view text) {
  const auto slash = text.find('/');
  const auto index = slash == std::string_view::npos ? std::nullopt : parse_count(text.substr(0, slash));
  const auto count = slash == std::string_view::npos ? std::nullopt : parse_count(text.substr(slash + 1));
  if (!index || !count) return tl::make_unexpected(fmt::format("'{}' is not i/n", text));
  if (*count == 0) return tl::make_unexpected("a run of 0 copies");
  if (*index >= *count)
    return tl::make_unexpected(
        fmt::format("no copy {} of {}: copies are numbered 0 to {}", *index, *count, *count - 1));
  return Shard{*index, *count};
}

tl::expected<Shard, ShardError> resolve_shard(const std::optional<std::string>& shard_option,
                                              const std::optional<std::uint32_t>& count_option,
                                              const std::optional<std::string>& job_completion_index) {
  if (!shard_option && !count_option) return Shard{};
  if (count_option && *count_option == 0)
    return tl::make_unexpected(ShardError{"--shard-count 0", "a run of 0 copies", "give at least 1"});

  std::optional<std::uint32_t> from_job;
  if (job_completion_index) {
    from_job = parse_count(*job_completion_index);
    if (!from_job)
      return tl::make_unexpected(ShardError{fmt::format("JOB_COMPLETION_INDEX={}", *job_completion_index),
                                            "not a copy index", "a number from 0, as Kubernetes sets it"});
  }

  if (shard_option) {
    auto shard = parse_shard(*shard_option);
    if (!shard)
      return tl::make_unexpected(ShardError{fmt::format("--shard {}", *shard_option), shard.error(),
                                            "e.g. --shard 0/4 for the first of four copies"});
    if (count_option && *count_option != shard->count)
      return tl::make_unexpected(
          ShardError{fmt::format("--shard {} and --shard-count {}", *shard_option, *count_option),
                     "they disagree on the number of copies", "give one of them"});
    if (from_job && *from_job != shard->index)
      return tl::make_unexpected(
          ShardError{fmt::format("--shard {}", *shard_option),
                     fmt::format("JOB_COMPLETION_INDEX says this is copy {}", *from_job),
                     "in an indexed job give --shard-count alone, or unset JOB_COMPLETION_INDEX"});
    return *shard;
  }

  if (!from_job)
    return tl::make_unexpected(
        ShardError{fmt::format("--shard-count {}", *count_option), "JOB_COMPLETION_INDEX is not set",
                   fmt::format("outside an indexed job give --shard i/{}", *count_option)});
  if (*from_job >= *count_option)
    return tl::make_unexpected(ShardError{fmt::format("JOB_COMPLETION_INDEX={}", *job_completion_index),
                                          fmt::format("no copy {} of {}: copies are numbered 0 to {}",
                                                      *from_job, *count_option, *count_option - 1),
                                          "set --shard-count to the job's completions"});
  return Shard{*from_job, *count_option};
}

tl::expected<std::uint32_t, std::string> shard_first_index(const Shard& shard, std::uint32_t per_copy) {
  const std::uint64_t all = std::uint64_t{shard.count} * per_copy;
  if (all > std::uint64_t{std::numeric_limits<std::uint32_t>::max()} + 1)
    return tl::make_unexpected(
        fmt::format("{} copies of {} clients need more than 2^32 client indexes", shard.count, per_copy));
  return static_cast<std::uint32_t>(std::uint64_t{shard.index} * per_copy);
}

}  // namespace mq::mqbench
