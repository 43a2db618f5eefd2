#include "mqbench/histogram.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cmath>

namespace mq::mqbench {
namespace {

// 2048 sub-buckets per power of two keep every bucket narrower than 1/1024 of its values: 3 significant
// digits. The first 2048 values (0-2047 ns) are exact.
constexpr int half_magnitude = 10;
constexpr std::int64_t sub_bucket_count = std::int64_t{1} << (half_magnitude + 1);
constexpr std::int64_t sub_bucket_half = sub_bucket_count / 2;
constexpr std::int64_t sub_bucket_mask = sub_bucket_count - 1;

constexpr int bucket_of(std::int64_t value) {
  const int magnitude = 64 - std::countl_zero(static_cast<std::uint64_t>(value | sub_bucket_mask));
  return magnitude - (half_magnitude + 1);
}

constexpr std::size_t counts_length() {
  const int last_bucket = bucket_of(Histogram::highest_trackable);
  return static_cast<std::size_t>((last_bucket + 2) * sub_bucket_half);
}

}  // namespace

Histogram::Histogram() : counts_(counts_length(), 0) {}

std::size_t Histogram::index_of(std::int64_t value) {
  const int bucket = bucket_of(value);
  const std::int64_t sub_bucket = value >> bucket;
  // Bucket 0 uses all 2048 sub-buckets; every later one only its upper half (the lower half repeats the
  // previous bucket at half the resolution).
  return static_cast<std::size_t>(((bucket + 1) << half_magnitude) + (sub_bucket - sub_bucket_half));
}

std::int64_t Histogram::lowest_in_bucket(std::size_t index) {
  const auto signed_index = static_cast<std::int64_t>(index);
  std::int64_t bucket = (signed_index >> half_magnitude) - 1;
  std::int64_t sub_bucket = (signed_index & (sub_bucket_half - 1)) + sub_bucket_half;
  if (bucket < 0) {
    sub_bucket -= sub_bucket_half;
    bucket = 0;
  }
  return sub_bucket << bucket;
}

std::int64_t Histogram::highest_in_bucket(std::size_t index) {
  const std::int64_t lowest = lowest_in_bucket(index);
  return lowest + (std::int64_t{1} << bucket_of(lowest)) - 1;
}

void Histogram::record(std::int64_t nanoseconds, std::uint64_t times) {
  if (times == 0) return;
  std::int64_t value = nanoseconds;
  if (value < 0 || value > highest_trackable) {
    clamped_ += times;
    value = std::clamp<std::int64_t>(value, 0, highest_trackable);
  }
  counts_[index_of(value)] += times;
  if (total_ == 0) {
    min_ = value;
    max_ = value;
  } else {
    min_ = std::min(min_, value);
    max_ = std::max(max_, value);
  }
  total_ += times;
  sum_ += static_cast<double>(value) * static_cast<double>(times);
}

void Histogram::merge(const Histogram& other) {
  if (other.total_ == 0) return;
  for (std::size_t i = 0; i < counts_.size(); ++i) counts_[i] += other.counts_[i];
  min_ = total_ == 0 ? other.min_ : std::min(min_, other.min_);
  max_ = total_ == 0 ? other.max_ : std::max(max_, other.max_);
  total_ += other.total_;
  clamped_ += other.clamped_;
  sum_ += other.sum_;
}

void Histogram::clear() {
  std::fill(counts_.begin(), counts_.end(), 0);
  total_ = clamped_ = 0;
  min_ = max_ = 0;
  sum_ = 0;
}

double Histogram::mean() const {
  return total_ == 0 ? 0.0 : sum_ / static_cast<double>(total_);
}

std::int64_t Histogram::percentile(double p) const {
  if (total_ == 0) return 0;
  // The tolerance keeps 99.9 % of 1000 at rank 999: 99.9 / 100 * 1000 is 999.0000000000001 in doubles.
  const double exact_rank = std::clamp(p, 0.0, 100.0) / 100.0 * static_cast<double>(total_);
  const double wanted = std::ceil(exact_rank - 1e-9 * std::max(1.0, exact_rank));
  const auto rank = std::max<std::uint64_t>(1, static_cast<std::uint64_t>(wanted));
  std::uint64_t seen = 0;
  for (std::size_t i = 0; i < counts_.size(); ++i) {
    seen += counts_[i];
    if (seen >= rank) return std::clamp(highest_in_bucket(i), min_, max_);
  }
  return max_;
}

std::vector<std::pair<std::int64_t, std::uint64_t>> Histogram::buckets() const {
  std::vector<std::pair<std::int64_t, std::uint64_t>> result;
  for (std::size_t i = 0; i < counts_.size(); ++i)
    if (counts_[i] != 0) result.emplace_back(lowest_in_bucket(i), counts_[i]);
  return result;
}

tl::expected<Histogram, std::string> Histogram::from_buckets(
    const std::vector<std::pair<std::int64_t, std::uint64_t>>& buckets, std::int64_t min, std::int64_t max,
    double sum, std::uint64_t clamped) {
  Histogram histogram;
  for (const auto& [value, count] : buckets) {
    if (value < 0 || value > highest_trackable)
      return tl::make_unexpected(fmt::format("bucket value {} is outside 0..{}", value, highest_trackable));
    const std::size_t index = index_of(value);
    if (lowest_in_bucket(index) != value)
      return tl::make_unexpected(fmt::format("bucket value {} is not the start of a bucket", value));
    histogram.counts_[index] += count;
    histogram.total_ += count;
  }
  if (histogram.total_ > 0) {
    if (min > max || min < 0 || max > highest_trackable)
      return tl::make_unexpected(fmt::format("min {} and max {} do not fit the buckets", min, max));
    histogram.min_ = min;
    histogram.max_ = max;
  }
  histogram.sum_ = sum;
  histogram.clamped_ = clamped;
  return histogram;
}

}  // namespace mq::mqbench
