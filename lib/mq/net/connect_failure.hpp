#pragma once
// Why a connect to the broker failed, in words and with the documented exit status, for the failures that are
// not TLS's: a CONNACK refusal, DNS, refused, timeout, proxy and unix-socket trouble, or a peer that closed
// without answering. Both MQTT clients (Paho's, which reports most of these as "-1", and mq::wire's) use it;
// lib/mq/paho adds the TLS diagnosis on top.
#include <optional>
#include <string>

#include "mq/core/connection_options.hpp"
#include "mq/core/error.hpp"

namespace mq::net {

// "host:port", or the unix socket path: how messages name the broker.
std::string endpoint_text(const ResolvedConnection& connection);

// What a plain TCP connect to the broker endpoint says: empty when it connects, else the reason in words
// ("connection refused", "cannot resolve host name 'x'", "no answer within 5s"). It goes through the socket
// hooks on purpose: --unix and --proxy apply to the probe as to the real connection.
std::string probe_tcp(const ResolvedConnection& connection);

// code > 0 is a CONNACK refusal (v3 return code or v5 reason code), code <= 0 a failure before any answer.
// Returns the error for a refusal or a transport that cannot be reached; nullopt when TCP itself connects
// (then TLS, the websocket handshake or the MQTT port is to blame).
std::optional<Error> connack_or_tcp_failure(const ResolvedConnection& connection, int code);

// The broker's port took the TCP connection and closed it without a CONNACK. `detail` is the MQTT library's
// own message, added in brackets when it says more than "connect failure".
Error closed_before_answer(const ResolvedConnection& connection, const std::string& detail);

// connack_or_tcp_failure, else closed_before_answer: the whole diagnosis for plain TCP.
Error diagnose_plain_connect_failure(const ResolvedConnection& connection, int code, const std::string& detail = {});

}  // namespace mq::net
