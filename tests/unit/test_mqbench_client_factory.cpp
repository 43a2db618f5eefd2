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

TEST_CASE("mqbench::client_factory: a pubsub run's subscribers never take a publisher's templated id") {
  mq::ResolvedConnection base;
  base.client_id = "mqbench-1-a";
  const std::optional<std::string> id_template = "dev-%i";
  CHECK(identity_for_client(base, id_template, "p", 0).client_id == "dev-0");
  CHECK(identity_for_client(base, id_template, "s", 0, true).client_id == "dev-0-s");
  CHECK(identity_for_client(base, id_template, "s", 0).client_id == "dev-0");  // sub mode: no publisher to meet
}
