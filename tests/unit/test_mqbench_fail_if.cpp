#include <doctest/doctest.h>

#include "mq/core/exit_status.hpp"
#include "mqbench/fail_if.hpp"

using namespace mq::mqbench;

namespace {

std::vector<Gate> gates(std::string_view text) {
  auto parsed = parse_gates(text);
  REQUIRE_MESSAGE(parsed, text);
  return *parsed;
}

GateError refusal(std::string_view text) {
  auto parsed = parse_gates(text);
  REQUIRE_FALSE_MESSAGE(parsed, text);
  return parsed.error();
}

nlohmann::json latency(std::uint64_t count, double p50, double p99) {
  return {{"count", count}, {"p50_ns", p50},   {"p90_ns", p99},
          {"p99_ns", p99},  {"p99_9_ns", p99}, {"max_ns", p99}};
}

nlohmann::json pubsub_summary() {
  return {{"mode", "pubsub"},
          {"expected", 1000},
          {"received", 990},
          {"lost", 10},
          {"duplicates", 0},
          {"reordered", 2},
          {"received_per_second", 980.5},
          {"sent_per_second", 1000.0},
          {"errors", {{"no acknowledgement within 5s", 3}}},
          {"latency", latency(990, 2e6, 72.1e6)}};
}

}  // namespace

TEST_CASE("mqbench::fail_if: parse_gates reads METRIC OP VALUE lists") {
  const auto parsed = gates("p99>50ms, loss>0,rate<1000,p999>=1.5s,max<=500us,errors==0,duplicates>0.1%");
  REQUIRE(parsed.size() == 7);
  CHECK(parsed[0].text == "p99>50ms");
  CHECK(parsed[0].metric == GateMetric::p99);
  CHECK(parsed[0].op == GateOp::greater);
  CHECK(parsed[0].threshold == 50e6);
  CHECK(parsed[1].text == "loss>0");
  CHECK(parsed[1].metric == GateMetric::loss);
  CHECK(parsed[1].threshold == 0);
  CHECK_FALSE(parsed[1].percent);
  CHECK(parsed[2].metric == GateMetric::rate);
  CHECK(parsed[2].op == GateOp::less);
  CHECK(parsed[2].threshold == 1000);
  CHECK(parsed[3].metric == GateMetric::p999);
  CHECK(parsed[3].op == GateOp::greater_equal);
  CHECK(parsed[3].threshold == 1.5e9);
  CHECK(parsed[4].op == GateOp::less_equal);
  CHECK(parsed[4].threshold == 500e3);
  CHECK(parsed[5].op == GateOp::equal);
  CHECK(parsed[6].percent);
  CHECK(parsed[6].threshold == doctest::Approx(0.1));

  CHECK(gates("p99.9>2ms").front().metric == GateMetric::p999);
  CHECK(gates("rate<20000/s").front().threshold == 20000);
  CHECK(gates("p50 > 250ns").front().threshold == 250);
}

TEST_CASE("mqbench::fail_if: bad gates are refused with what to write instead") {
  CHECK(refusal("p99>50") ==
        GateError{"p99>50", "'50' has no unit (latencies take us, ms or s, e.g. p99>50ms)"});
  CHECK(refusal("latency>5ms") == GateError{"latency>5ms",
                                            "unknown metric 'latency' (use p50, p90, p99, p999, max, loss, "
                                            "duplicates, reorder, errors, rate)"});
  CHECK(
      refusal("loss") ==
      GateError{"loss", "no comparison (write METRIC OP VALUE with OP one of > >= < <= ==, e.g. p99>50ms)"});
  CHECK(refusal("loss=>1") == GateError{"loss=>1", "unknown comparison '=>' (use > >= < <= ==)"});
  CHECK(refusal("loss>") ==
        GateError{"loss>", "no value after the comparison (e.g. p99>50ms, loss>0, rate<1000)"});
  CHECK(refusal("loss>few") ==
        GateError{"loss>few", "'few' is not a count or a percentage (e.g. loss>0 or loss>0.1%)"});
  CHECK(refusal("loss>-1") ==
        GateError{"loss>-1", "'-1' is not a count or a percentage (e.g. loss>0 or loss>0.1%)"});
  CHECK(refusal("errors>1%") ==
        GateError{"errors>1%", "errors are counted, not a percentage (e.g. errors>0)"});
  CHECK(refusal("p99>fastms") ==
        GateError{"p99>fastms", "'fastms' is not a latency (e.g. 500us, 50ms, 1.5s)"});
  CHECK(refusal("rate<fast") == GateError{"rate<fast", "'fast' is not a rate in msg/s (e.g. rate<1000)"});
  CHECK(refusal("p99>5ms,,loss>0").why == "empty gate (write e.g. 'p99>50ms,loss>0')");
  CHECK(refusal("").why == "empty gate (write e.g. 'p99>50ms,loss>0')");
}

TEST_CASE("mqbench::fail_if: gates on figures the mode never measures are refused") {
  CHECK(gate_unmeasured_in(gates("p99>5ms").front(), "pub") ==
        "pub measures no end-to-end latency (use pubsub, or gate on rate or errors)");
  CHECK(gate_unmeasured_in(gates("loss>0").front(), "conn") ==
        "conn receives nothing, so it has no loss (use pubsub)");
  CHECK(gate_unmeasured_in(gates("reorder>0").front(), "ping") ==
        "ping does not count reordering (use pubsub)");
  CHECK(gate_unmeasured_in(gates("rate<10").front(), "conn") ==
        "conn has no message rate (use pub, sub or pubsub)");
  CHECK_FALSE(gate_unmeasured_in(gates("p99>5ms").front(), "conn"));  // connect times
  CHECK_FALSE(gate_unmeasured_in(gates("loss>0").front(), "ping"));
  CHECK_FALSE(gate_unmeasured_in(gates("rate<10").front(), "pub"));
  CHECK_FALSE(gate_unmeasured_in(gates("loss>0").front(), "merge"));
}

TEST_CASE("mqbench::fail_if: gates read the summary and fail when the comparison holds") {
  const auto summary = pubsub_summary();
  CHECK(gate_value(gates("p99>1ms").front(), summary) == 72.1e6);
  CHECK(gate_value(gates("p50>1ms").front(), summary) == 2e6);
  CHECK(gate_value(gates("loss>0").front(), summary) == 10);
  CHECK(gate_value(gates("loss>0%").front(), summary) == doctest::Approx(1.0));
  CHECK(gate_value(gates("reorder>0").front(), summary) == 2);
  CHECK(gate_value(gates("errors>0").front(), summary) == 3);
  CHECK(gate_value(gates("rate<1").front(), summary) == 980.5);

  const auto failed = failed_gates(gates("p99>50ms,loss>0,duplicates>0,rate<1000,p50<=2ms,loss>2%"), summary);
  REQUIRE(failed.size() == 4);
  CHECK(failed[0] == std::pair<std::string, std::string>{"p99>50ms", "p99 is 72.1ms"});
  CHECK(failed[1] == std::pair<std::string, std::string>{"loss>0", "loss is 10"});
  CHECK(failed[2] == std::pair<std::string, std::string>{"rate<1000", "rate is 980 msg/s"});
  CHECK(failed[3] == std::pair<std::string, std::string>{"p50<=2ms", "p50 is 2ms"});
  CHECK(apply_gates(gates("p99>100ms,loss>5%"), summary) == mq::exit_status::ok);
}

TEST_CASE("mqbench::fail_if: a gate that cannot be checked fails") {
  auto summary = pubsub_summary();
  summary["latency"] = latency(0, 0, 0);
  const auto failed = failed_gates(gates("p99>50ms"), summary);
  REQUIRE(failed.size() == 1);
  CHECK(failed[0].second == "no latency samples to check");
  CHECK(apply_gates(gates("p99>50ms"), summary) == mq::exit_status::gate_failed);
}

TEST_CASE("mqbench::fail_if: ping and conn are judged by round trips and connect times") {
  const nlohmann::json ping{{"mode", "ping"},
                            {"sent", 20},
                            {"lost", 1},
                            {"duplicates", 0},
                            {"failed_deliveries", 2},
                            {"rtt", latency(19, 1e6, 3e6)}};
  CHECK(gate_value(gates("p99>1ms").front(), ping) == 3e6);
  CHECK(gate_value(gates("loss>0%").front(), ping) == doctest::Approx(5.0));
  CHECK(gate_value(gates("errors>0").front(), ping) == 2);
  const nlohmann::json conn{
      {"mode", "conn"}, {"connect_time", latency(100, 4e6, 9e6)}, {"errors", nlohmann::json::object()}};
  CHECK(gate_value(gates("p50>1ms").front(), conn) == 4e6);
  CHECK(gate_value(gates("errors>0").front(), conn) == 0);
}
