#pragma once
// Blocking-looking socket steps on a non-blocking socket, each bounded by one deadline: the proxy handshake
// runs inside Paho's connect() call and must not hang past --connect-timeout.
#include <sys/socket.h>

#include <chrono>
#include <cstdint>
#include <span>

namespace mq::net {

using Deadline = std::chrono::steady_clock::time_point;

// Each returns 0 or an errno value: ETIMEDOUT when the deadline passed, ECONNRESET when the peer closed.
int connect_until(int fd, const sockaddr* address, socklen_t length, Deadline deadline);
int send_all_until(int fd, std::span<const std::uint8_t> bytes, Deadline deadline);
int receive_exactly_until(int fd, std::span<std::uint8_t> bytes, Deadline deadline);

// Sets or clears O_NONBLOCK; returns the previous file status flags (or -1).
int set_nonblocking(int fd, bool nonblocking);

}  // namespace mq::net
