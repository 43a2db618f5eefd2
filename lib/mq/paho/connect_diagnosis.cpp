#include "mq/paho/connect_diagnosis.hpp"

#include <fmt/format.h>

#include "mq/core/exit_status.hpp"
#include "mq/paho/tls_checks.hpp"

namespace mq::paho {

Error diagnose_connect_failure(const ResolvedConnection& connection, int code, const std::string& paho_message,
                               const std::vector<std::string>& ssl_errors) {
  if (auto failure = net::connack_or_tcp_failure(connection, code)) return *failure;
  if (uses_tls(connection.transport)) {
    const std::string what = fmt::format("connecting to {}", net::endpoint_text(connection));
    if (auto tls_error = diagnose_tls_failure(connection)) return *tls_error;
    if (!ssl_errors.empty())
      return Error(exit_status::tls_failure, what, fmt::format("TLS failed: {}", ssl_errors.front()));
    return Error(exit_status::tls_failure, what, "the TLS connection failed",
                 "check --cafile, --cert, --key and --tls-version");
  }
  const bool says_more = !paho_message.empty() && paho_message != "TCP/TLS connect failure" && code != -1;
  return net::closed_before_answer(connection, says_more ? paho_message : std::string());
}

}  // namespace mq::paho
