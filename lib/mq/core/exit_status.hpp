#pragma once
// The one exit-status table shared by all four tools. Where mosquitto_pub/sub define a status we use the same
// number (usage 1, CONNACK refusal = its reason code, -W timeout 27); everything mosquitto lumps together
// gets its own code outside 1-5, 27 and 128-162.
#include <span>
#include <string_view>

namespace mq::exit_status {

inline constexpr int ok = 0;
inline constexpr int usage = 1;
inline constexpr int timeout = 27;             // -W elapsed (mosquitto's MOSQ_ERR_TIMEOUT)
inline constexpr int unreachable = 40;         // DNS, refused, connect timeout, proxy failure
inline constexpr int tls_failure = 41;         // handshake, verification, certificate/key files
inline constexpr int publish_rejected = 42;    // PUBACK/PUBREC reason code >= 0x80
inline constexpr int subscribe_rejected = 43;  // SUBACK failure
inline constexpr int not_acknowledged = 44;    // QoS >= 1 message not acknowledged before exit
inline constexpr int connection_lost = 45;     // broker dropped us and we were not allowed to reconnect
inline constexpr int io_error = 46;            // reading input or writing output failed
inline constexpr int invalid_data = 47;        // input data rejected (e.g. invalid JSON payloads)
inline constexpr int idle_timeout = 48;        // --idle-timeout elapsed without a message
inline constexpr int gate_failed = 49;         // mqbench --fail-if: a gate failed on a run that completed
inline constexpr int internal_error = 70;      // a bug: please report it
inline constexpr int interrupted = 130;        // SIGINT or SIGTERM

struct Entry {
  int code;
  std::string_view name;
  std::string_view meaning;
};

// The documented table, in code order; CONNACK codes appear as ranges.
std::span<const Entry> table();

}  // namespace mq::exit_status
