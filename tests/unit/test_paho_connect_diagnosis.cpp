#include <doctest/doctest.h>

#include "mq/core/exit_status.hpp"
#include "mq/paho/connect_diagnosis.hpp"

namespace {

mq::ResolvedConnection connection(mq::ProtocolVersion version) {
  mq::ResolvedConnection resolved;
  resolved.host = "broker.test";
  resolved.port = 1883;
  resolved.version = version;
  return resolved;
}

}  // namespace

TEST_CASE("paho::diagnose_connect_failure: CONNACK refusals become their code") {
  const auto v5 = mq::paho::diagnose_connect_failure(connection(mq::ProtocolVersion::v5), 135, "", {});
  CHECK(v5.exit_code() == 135);
  CHECK(std::string(v5.what()) ==
        "connecting to broker.test:1883: the broker refused the connection: not authorized "
        "(the broker's ACL or password settings refuse this client)");
  const auto v3 = mq::paho::diagnose_connect_failure(connection(mq::ProtocolVersion::v311), 4, "", {});
  CHECK(v3.exit_code() == 4);
  CHECK(v3.why() == "the broker refused the connection: bad user name or password");
}

TEST_CASE("paho::diagnose_connect_failure: a code that is no CONNACK code is not an exit status") {
  const auto garbage = mq::paho::diagnose_connect_failure(connection(mq::ProtocolVersion::v5), 174, "", {});
  CHECK(garbage.exit_code() == mq::exit_status::unreachable);
  CHECK(garbage.why() == "the broker sent an invalid CONNACK (code 174)");
  const auto v3_range = mq::paho::diagnose_connect_failure(connection(mq::ProtocolVersion::v311), 135, "", {});
  CHECK(v3_range.exit_code() == mq::exit_status::unreachable);
}
