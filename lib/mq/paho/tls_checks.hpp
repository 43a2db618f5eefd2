#pragma once
// Paho reports every TLS problem as "-1, TCP/TLS connect failure". These checks turn that into words:
// before connecting, the certificate, key and CA files are loaded with OpenSSL so a bad file is named with
// its reason; after a failed connect, our own handshake with the same settings says what went wrong.
#include "mq/core/connection_options.hpp"
#include "mq/core/error.hpp"

namespace mq::paho {

// Throws mq::Error(exit_status::tls_failure) naming the file and the reason when --cafile, --capath,
// --cert or --key cannot be used (unreadable, not PEM, expired client certificate, key not matching).
void check_tls_files(const TlsOptions& tls);

// Runs a TLS handshake to the broker with the same CA, certificate, key, version and host-name rules that
// the real connection used, and returns the error that explains the failure (exit_status::tls_failure),
// or std::nullopt when the handshake succeeds (the failure was elsewhere). As in the real connection,
// --insecure skips only the host-name check, not the chain. After the handshake it reads for about 1.5 s,
// because under TLS 1.3 a broker rejects a missing or bad client certificate only then. PSK connections and
// brokers that cannot be reached over TCP give std::nullopt.
std::optional<Error> diagnose_tls_failure(const ResolvedConnection& connection);

}  // namespace mq::paho
