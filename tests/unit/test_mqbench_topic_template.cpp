#include <doctest/doctest.h>

#include "mqbench/topic_template.hpp"

using namespace mq::mqbench;

TEST_CASE("mqbench::topic_template") {
  CHECK(expand_template("bench/%i/%c/100%%", 42, "mqbench-p42") == "bench/42/mqbench-p42/100%");
  CHECK(check_template("a/%i/%c/%%"));
  CHECK(check_template("a/%x").error() == "unknown escape %x (use %i, %c or %%)");
  CHECK(check_template("a/%").error() == "ends with a lone % (write %% for a percent sign)");
  CHECK(wildcard_filter("bench/%i") == "bench/+");
  CHECK(wildcard_filter("bench/dev-%i/x/%c") == "bench/+/x/+");
  CHECK(wildcard_filter("plain/topic") == "plain/topic");
}
