#include <doctest/doctest.h>

#include "mqbench/report.hpp"

using namespace mq::mqbench;

TEST_CASE("mqbench::report: durations in words") {
  CHECK(format_nanoseconds(850) == "850ns");
  CHECK(format_nanoseconds(12'300) == "12.3us");
  CHECK(format_nanoseconds(4'560'000) == "4.56ms");
  CHECK(format_nanoseconds(1'234'000'000) == "1.234s");
}

TEST_CASE("mqbench::report: percentile line") {
  Histogram histogram;
  CHECK(percentile_line(histogram) == "no samples");
  for (std::int64_t v = 1; v <= 1000; ++v) histogram.record(v * 1000);
  CHECK(percentile_line(histogram) ==
        "min 1us  p50 500us  p90 900us  p99 990us  p99.9 999us  max 1ms  (n=1000)");
}

TEST_CASE("mqbench::report: histograms survive JSON exactly") {
  Histogram histogram;
  for (std::int64_t v = 1; v <= 5000; ++v) histogram.record(v * 997);
  const auto json = histogram_to_json(histogram);
  CHECK(json.at("count") == 5000);
  CHECK(json.at("p50_ns") == histogram.percentile(50));
  const auto back = histogram_from_json(nlohmann::json::parse(json.dump()));
  REQUIRE(back);
  CHECK(back->buckets() == histogram.buckets());
  CHECK(back->percentile(99.9) == histogram.percentile(99.9));
  CHECK(back->max() == histogram.max());

  auto tampered = json;
  tampered["count"] = 4999;
  CHECK(histogram_from_json(tampered).error() == "count 4999 does not match the buckets' 5000");
  CHECK(histogram_from_json(nlohmann::json::object()).error().rfind("not an mqbench histogram: ", 0) == 0);
}
