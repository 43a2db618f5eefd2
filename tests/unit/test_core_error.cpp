#include <doctest/doctest.h>

#include <string>

#include "mq/core/error.hpp"
#include "mq/core/exit_status.hpp"

TEST_CASE("core::format_error") {
  CHECK(mq::format_error("-p 0", "port out of range", "use a port from 1 to 65535") ==
        "-p 0: port out of range (use a port from 1 to 65535)");
  CHECK(mq::format_error("-p 0", "port out of range", "") == "-p 0: port out of range");
  CHECK(mq::format_error("connecting", "", "hint") == "connecting (hint)");
  CHECK(mq::format_error("connecting", "", "") == "connecting");
}

TEST_CASE("core::Error") {
  const mq::Error error(mq::exit_status::tls_failure, "--cert a.pem", "not a PEM certificate", "give PEM");
  CHECK(error.exit_code() == 41);
  CHECK(error.what_failed() == "--cert a.pem");
  CHECK(error.why() == "not a PEM certificate");
  CHECK(error.hint() == "give PEM");
  CHECK(std::string(error.what()) == "--cert a.pem: not a PEM certificate (give PEM)");

  SUBCASE("the hint is optional") {
    const mq::Error plain(mq::exit_status::usage, "-i", "empty client id");
    CHECK(plain.hint().empty());
    CHECK(std::string(plain.what()) == "-i: empty client id");
  }
  SUBCASE("caught as std::runtime_error with the same text") {
    try {
      throw mq::Error(mq::exit_status::io_error, "writing", "broken pipe");
    } catch (const std::runtime_error& caught) {
      CHECK(std::string(caught.what()) == "writing: broken pipe");
    }
  }
}
