#pragma once
// Paho reports most failed connects as "-1: TCP/TLS connect failure". This finds out what happened (DNS,
// refused, timeout, TLS, a CONNACK refusal) and words it as an mq::Error with the documented exit status.
#include <string>
#include <vector>

#include "mq/core/connection_options.hpp"
#include "mq/core/error.hpp"
#include "mq/net/connect_failure.hpp"

namespace mq::paho {

// code > 0 is a CONNACK refusal (v3 return code or v5 reason code); code < 0 a Paho failure.
Error diagnose_connect_failure(const ResolvedConnection& connection, int code, const std::string& paho_message,
                               const std::vector<std::string>& ssl_errors);

using net::probe_tcp;

}  // namespace mq::paho
