#include "mq/core/exit_status.hpp"

#include <array>

namespace mq::exit_status {

std::span<const Entry> table() {
  static constexpr std::array entries{
      Entry{ok, "ok", "success; with QoS >= 1 every message was acknowledged"},
      Entry{usage, "usage", "bad command line or options file (same as mosquitto)"},
      Entry{2, "connack-v3",
            "2-5: MQTT 3.1.1 CONNACK refusal code (1 is shared with usage, as in mosquitto)"},
      Entry{timeout, "timeout", "-W elapsed before the run was complete (same as mosquitto)"},
      Entry{unreachable, "unreachable",
            "broker unreachable: DNS failure, connection refused, connect timeout, proxy"},
      Entry{tls_failure, "tls",
            "TLS failure: handshake, certificate verification, host name, certificate/key file"},
      Entry{publish_rejected, "publish-rejected",
            "the broker rejected a publish (PUBACK/PUBREC reason >= 0x80)"},
      Entry{subscribe_rejected, "subscribe-rejected", "the broker rejected a subscription (SUBACK failure)"},
      Entry{not_acknowledged, "not-acknowledged", "a QoS >= 1 message was not acknowledged before exit"},
      Entry{connection_lost, "connection-lost", "the connection was lost and reconnecting was not allowed"},
      Entry{io_error, "io", "reading input or writing output failed"},
      Entry{invalid_data, "invalid-data", "input data was rejected (for example payloads that are not JSON)"},
      Entry{idle_timeout, "idle-timeout", "--idle-timeout elapsed without a message"},
      Entry{gate_failed, "gate-failed", "mqbench: a --fail-if gate failed (the run itself completed)"},
      Entry{internal_error, "internal", "internal error (a bug: please report it)"},
      Entry{128, "connack-v5", "128-162: MQTT 5 CONNACK reason code (same as mosquitto)"},
      Entry{interrupted, "interrupted", "SIGINT or SIGTERM (clean DISCONNECT sent); also MQTT 5 CONNACK 130"},
  };
  return entries;
}

}  // namespace mq::exit_status
