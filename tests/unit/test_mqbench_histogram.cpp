#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "mqbench/histogram.hpp"

using mq::mqbench::Histogram;

namespace {

// Nearest-rank percentile of sorted data: the reference the histogram must match to 3 digits.
std::int64_t exact_percentile(const std::vector<std::int64_t>& sorted, double p) {
  const double exact_rank = p / 100.0 * static_cast<double>(sorted.size());
  const auto rank =
      std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(exact_rank - 1e-9 * exact_rank)));
  return sorted[rank - 1];
}

std::vector<std::int64_t> log_uniform(std::size_t n, std::uint32_t seed) {
  std::mt19937_64 random(seed);
  std::uniform_real_distribution<double> exponent(std::log(1e3), std::log(6e10));  // 1 us .. 1 min
  std::vector<std::int64_t> values;
  for (std::size_t i = 0; i < n; ++i) values.push_back(static_cast<std::int64_t>(std::exp(exponent(random))));
  return values;
}

}  // namespace

TEST_CASE("mqbench::Histogram: values below 2048 ns are exact") {
  Histogram histogram;
  std::vector<std::int64_t> values;
  for (std::int64_t v = 1; v <= 2000; ++v) {
    histogram.record(v);
    values.push_back(v);
  }
  for (const double p : {1.0, 10.0, 50.0, 90.0, 99.0, 99.9, 100.0})
    CHECK(histogram.percentile(p) == exact_percentile(values, p));
  CHECK(histogram.percentile(50) == 1000);
  CHECK(histogram.min() == 1);
  CHECK(histogram.max() == 2000);
  CHECK(histogram.count() == 2000);
  CHECK(histogram.mean() == doctest::Approx(1000.5));
}

TEST_CASE("mqbench::Histogram: 3 significant digits from 1 us to 1 min against exact percentiles") {
  auto values = log_uniform(50'000, 7);
  Histogram histogram;
  for (const auto v : values) histogram.record(v);
  std::sort(values.begin(), values.end());
  for (const double p : {0.1, 1.0, 25.0, 50.0, 75.0, 90.0, 99.0, 99.9, 99.99, 100.0}) {
    const std::int64_t exact = exact_percentile(values, p);
    const std::int64_t got = histogram.percentile(p);
    INFO("p", p, " exact ", exact, " got ", got);
    CHECK(got >= exact);
    CHECK(static_cast<double>(got - exact) <= static_cast<double>(exact) / 1000.0);
  }
  CHECK(histogram.percentile(100) == values.back());
  CHECK(histogram.min() == values.front());
  CHECK(histogram.clamped() == 0);
}

TEST_CASE("mqbench::Histogram: bucket boundaries") {
  CHECK(Histogram::index_of(2047) == 2047);
  CHECK(Histogram::index_of(2048) == 2048);
  CHECK(Histogram::index_of(2049) == 2048);  // 2048 and 2049 share a 2-ns bucket
  CHECK(Histogram::lowest_in_bucket(2048) == 2048);
  CHECK(Histogram::highest_in_bucket(2048) == 2049);
  for (const std::int64_t v : {std::int64_t{0}, std::int64_t{1}, std::int64_t{5000}, std::int64_t{1'234'567},
                               std::int64_t{59'999'999'999}, Histogram::highest_trackable}) {
    const auto index = Histogram::index_of(v);
    CHECK(Histogram::lowest_in_bucket(index) <= v);
    CHECK(Histogram::highest_in_bucket(index) >= v);
    CHECK(static_cast<double>(Histogram::highest_in_bucket(index) - Histogram::lowest_in_bucket(index)) <=
          std::max(1.0, static_cast<double>(v) / 1024.0));
  }
}

TEST_CASE("mqbench::Histogram: out-of-range values clamp and are counted") {
  Histogram histogram;
  histogram.record(-5);
  histogram.record(Histogram::highest_trackable * 2);
  histogram.record(100);
  CHECK(histogram.count() == 3);
  CHECK(histogram.clamped() == 2);
  CHECK(histogram.min() == 0);
  CHECK(histogram.max() == Histogram::highest_trackable);
}

TEST_CASE("mqbench::Histogram: merging equals recording everything in one") {
  const auto first = log_uniform(10'000, 1);
  const auto second = log_uniform(3'000, 2);
  Histogram a, b, all;
  for (const auto v : first) {
    a.record(v);
    all.record(v);
  }
  for (const auto v : second) {
    b.record(v);
    all.record(v);
  }
  a.merge(b);
  CHECK(a.count() == all.count());
  CHECK(a.min() == all.min());
  CHECK(a.max() == all.max());
  CHECK(a.buckets() == all.buckets());
  for (const double p : {50.0, 99.0, 99.9}) CHECK(a.percentile(p) == all.percentile(p));
  Histogram empty;
  empty.merge(all);
  CHECK(empty.min() == all.min());
}

TEST_CASE("mqbench::Histogram: rebuilt from its buckets") {
  Histogram histogram;
  for (const auto v : log_uniform(2'000, 3)) histogram.record(v);
  auto rebuilt =
      Histogram::from_buckets(histogram.buckets(), histogram.min(), histogram.max(), histogram.sum(), 0);
  REQUIRE(rebuilt);
  CHECK(rebuilt->count() == histogram.count());
  CHECK(rebuilt->percentile(99) == histogram.percentile(99));
  CHECK(rebuilt->mean() == doctest::Approx(histogram.mean()));

  auto bad = Histogram::from_buckets({{2049, 1}}, 2049, 2049, 2049, 0);
  REQUIRE_FALSE(bad);
  CHECK(bad.error() == "bucket value 2049 is not the start of a bucket");
  auto outside = Histogram::from_buckets({{-1, 1}}, 0, 0, 0, 0);
  REQUIRE_FALSE(outside);
  CHECK(outside.error() == "bucket value -1 is outside 0..60000000000");
}

TEST_CASE("mqbench::Histogram: empty") {
  Histogram histogram;
  CHECK(histogram.percentile(99) == 0);
  CHECK(histogram.min() == 0);
  CHECK(histogram.max() == 0);
  CHECK(histogram.buckets().empty());
}
