#pragma once
// A log-linear (HDR-style) histogram of durations in nanoseconds: 3 significant digits from 1 ns up to
// one minute, constant memory, O(1) record, mergeable by adding counts. Percentiles are recomputed from
// counts (never averaged), so merged worker or shard reports stay exact to the histogram's precision.
#include <cstdint>
#include <string>
#include <tl/expected.hpp>
#include <vector>

namespace mq::mqbench {

class Histogram {
 public:
  static constexpr std::int64_t highest_trackable = 60'000'000'000;  // 1 min in ns; larger values clamp here

  Histogram();

  void record(std::int64_t nanoseconds, std::uint64_t times = 1);
  void merge(const Histogram& other);
  void clear();

  std::uint64_t count() const { return total_; }
  std::uint64_t clamped() const { return clamped_; }  // values recorded above highest_trackable (or below 0)
  std::int64_t min() const { return total_ == 0 ? 0 : min_; }
  std::int64_t max() const { return total_ == 0 ? 0 : max_; }
  double mean() const;

  // Nearest-rank percentile (0 < p <= 100): the smallest recorded value with at least p % of the values at
  // or below it, reported as the top of its bucket (never above the exact maximum). 0 when empty.
  std::int64_t percentile(double p) const;

  // Non-empty buckets as (lowest value of the bucket, count), in increasing order: the serialised form.
  std::vector<std::pair<std::int64_t, std::uint64_t>> buckets() const;
  // Rebuilds from buckets() plus the exact min, max and sum kept beside them.
  static tl::expected<Histogram, std::string> from_buckets(
      const std::vector<std::pair<std::int64_t, std::uint64_t>>& buckets, std::int64_t min, std::int64_t max,
      double sum, std::uint64_t clamped);
  double sum() const { return sum_; }

  // The bucket arithmetic, exposed for tests: two values share a bucket iff these agree.
  static std::size_t index_of(std::int64_t value);
  static std::int64_t lowest_in_bucket(std::size_t index);
  static std::int64_t highest_in_bucket(std::size_t index);

 private:
  std::vector<std::uint64_t> counts_;
  std::uint64_t total_ = 0;
  std::uint64_t clamped_ = 0;
  std::int64_t min_ = 0;
  std::int64_t max_ = 0;
  double sum_ = 0;
};

}  // namespace mq::mqbench
