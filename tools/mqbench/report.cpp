#include "mqbench/report.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "mq/core/error.hpp"
#include "mq/core/exit_status.hpp"

namespace mq::mqbench {

std::string format_nanoseconds(std::int64_t nanoseconds) {
  const auto value = static_cast<double>(nanoseconds);
  if (nanoseconds < 1'000) return fmt::format("{}ns", nanoseconds);
  if (nanoseconds < 1'000'000) return fmt::format("{:.3g}us", value / 1e3);
  if (nanoseconds < 1'000'000'000) return fmt::format("{:.3g}ms", value / 1e6);
  return fmt::format("{:.4g}s", value / 1e9);
}

std::string percentile_line(const Histogram& histogram) {
  if (histogram.count() == 0) return "no samples";
  return fmt::format(
      "min {}  p50 {}  p90 {}  p99 {}  p99.9 {}  max {}  (n={})", format_nanoseconds(histogram.min()),
      format_nanoseconds(histogram.percentile(50)), format_nanoseconds(histogram.percentile(90)),
      format_nanoseconds(histogram.percentile(99)), format_nanoseconds(histogram.percentile(99.9)),
      format_nanoseconds(histogram.max()), histogram.count());
}

nlohmann::json histogram_to_json(const Histogram& histogram) {
  nlohmann::json buckets = nlohmann::json::array();
  for (const auto& [value, count] : histogram.buckets()) buckets.push_back({value, count});
  return {{"count", histogram.count()},
          {"min_ns", histogram.min()},
          {"mean_ns", histogram.mean()},
          {"p50_ns", histogram.percentile(50)},
          {"p90_ns", histogram.percentile(90)},
          {"p99_ns", histogram.percentile(99)},
          {"p99_9_ns", histogram.percentile(99.9)},
          {"max_ns", histogram.max()},
          {"sum_ns", histogram.sum()},
          {"clamped", histogram.clamped()},
          {"buckets", buckets}};
}

tl::expected<Histogram, std::string> histogram_from_json(const nlohmann::json& json) {
  try {
    std::vector<std::pair<std::int64_t, std::uint64_t>> buckets;
    for (const auto& bucket : json.at("buckets"))
      buckets.emplace_back(bucket.at(0).get<std::int64_t>(), bucket.at(1).get<std::uint64_t>());
    auto histogram = Histogram::from_buckets(
        buckets, json.at("min_ns").get<std::int64_t>(), json.at("max_ns").get<std::int64_t>(),
        json.at("sum_ns").get<double>(), json.at("clamped").get<std::uint64_t>());
    if (histogram && histogram->count() != json.at("count").get<std::uint64_t>())
      return tl::make_unexpected(fmt::format("count {} does not match the buckets' {}",
                                             json.at("count").get<std::uint64_t>(), histogram->count()));
    return histogram;
  } catch (const nlohmann::json::exception& error) {
    return tl::make_unexpected(fmt::format("not an mqbench histogram: {}", error.what()));
  }
}

nlohmann::json errors_to_json(const std::map<std::string, std::uint64_t>& errors) {
  nlohmann::json result = nlohmann::json::object();
  for (const auto& [reason, count] : errors) result[reason] = count;
  return result;
}

void write_json(const std::optional<std::string>& path, const nlohmann::json& summary) {
  if (!path) return;
  const std::string text = summary.dump(2) + "\n";
  if (*path == "-") {
    fmt::print("{}", text);
    std::fflush(stdout);
    return;
  }
  std::ofstream file(*path, std::ios::binary | std::ios::trunc);
  file << text;
  file.close();
  if (!file) throw Error(exit_status::io_error, fmt::format("--json {}", *path), std::strerror(errno));
}

}  // namespace mq::mqbench
