#pragma once
// Shared pieces of the final summary: durations in words, one latency line, histograms as JSON (the
// schema `merge` reads back), and writing --json.
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <tl/expected.hpp>

#include "mqbench/histogram.hpp"

namespace mq::mqbench {

// "850ns", "12.3us", "4.56ms", "1.234s"
std::string format_nanoseconds(std::int64_t nanoseconds);

// "min 1.2ms  p50 2ms  p90 ...  p99.9 ...  max ...  (n=100)", or "no samples".
std::string percentile_line(const Histogram& histogram);

nlohmann::json histogram_to_json(const Histogram& histogram);
tl::expected<Histogram, std::string> histogram_from_json(const nlohmann::json& json);

nlohmann::json errors_to_json(const std::map<std::string, std::uint64_t>& errors);

// '-' writes to stdout; a file that cannot be written is an mq::Error (io_error).
void write_json(const std::optional<std::string>& path, const nlohmann::json& summary);

}  // namespace mq::mqbench
