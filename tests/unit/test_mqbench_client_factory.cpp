#include <doctest/doctest.h>

#include "mqbench/client_factory.hpp"

using namespace mq::mqbench;

TEST_CASE("mqbench::client_factory: one id and user name per client") {
  mq::ResolvedConnection base;
  base.client_id = "mqbench-123-abc";
  base.username = "user%i";
  const auto third = connection_for_client(base, std::nullopt, "p", 2);
  CHECK(third.client_id == "mqbench-123-abc-p2");
  CHECK(*third.username == "user2");
  CHECK(connection_for_client(base, std::string("dev-%i"), "p", 7).client_id == "dev-7");
  CHECK(connection_for_client(base, std::string("fixed"), "s", 0).client_id == "fixed-s0");
}
