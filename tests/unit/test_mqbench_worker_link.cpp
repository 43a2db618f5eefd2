#include <doctest/doctest.h>

#include "mqbench/worker_link.hpp"

using namespace mq::mqbench;

TEST_CASE("mqbench::worker_link: take_messages keeps a partial line for the next read") {
  std::string buffer = "{\"type\":\"tick\",\"sent\":5}\n{\"type\":\"ready\"}\n{\"type\":\"pub";
  auto messages = take_messages(buffer);
  REQUIRE(messages.size() == 2);
  CHECK(messages[0]["type"] == "tick");
  CHECK(messages[0]["sent"] == 5);
  CHECK(messages[1]["type"] == "ready");
  CHECK(buffer == "{\"type\":\"pub");
  buffer += "lished\",\"sent\":7}\nnot json\n[1]\n";
  messages = take_messages(buffer);
  REQUIRE(messages.size() == 1);  // lines that are not JSON objects are skipped
  CHECK(messages[0]["sent"] == 7);
  CHECK(buffer.empty());
}
