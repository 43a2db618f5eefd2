#include <doctest/doctest.h>

#include "mqbench/csv.hpp"

using namespace mq::mqbench;

TEST_CASE("mqbench::csv: header and rows") {
  CHECK(csv_header() ==
        "elapsed_s,connected,sent,received,sent_per_s,received_per_s,p50_ns,p99_ns,errors,reconnects\n");
  SecondRow row;
  row.elapsed_seconds = 2.0004;
  row.connected = 3;
  row.sent = 400;
  row.received = 399;
  row.sent_per_second = 200;
  row.received_per_second = 199.96;
  row.p50_ns = 150000;
  row.p99_ns = 2500000;
  row.errors = 1;
  row.reconnects = 2;
  CHECK(csv_line(row) == "2.000,3,400,399,200.0,200.0,150000,2500000,1,2\n");
  row.p50_ns.reset();
  row.p99_ns.reset();
  CHECK(csv_line(row) == "2.000,3,400,399,200.0,200.0,,,1,2\n");  // nothing arrived in that second
}
