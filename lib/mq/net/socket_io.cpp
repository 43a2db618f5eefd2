#include "mq/net/socket_io.hpp"

#include <fcntl.h>
#include <poll.h>

#include <cerrno>

#include "mq/net/real_calls.hpp"

namespace mq::net {
namespace {

int wait_for(int fd, short events, Deadline deadline) {
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return ETIMEDOUT;
    pollfd waiting{fd, events, 0};
    const int ready = ::poll(&waiting, 1, static_cast<int>(left.count()));
    if (ready > 0) return 0;
    if (ready == 0) return ETIMEDOUT;
    if (errno != EINTR) return errno;
  }
}

}  // namespace

int connect_until(int fd, const sockaddr* address, socklen_t length, Deadline deadline) {
  if (real_connect()(fd, address, length) == 0) return 0;
  if (errno != EINPROGRESS && errno != EINTR) return errno;
  if (const int error = wait_for(fd, POLLOUT, deadline); error != 0) return error;
  int result = 0;
  socklen_t result_length = sizeof(result);
  if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &result, &result_length) != 0) return errno;
  return result;
}

int send_all_until(int fd, std::span<const std::uint8_t> bytes, Deadline deadline) {
  while (!bytes.empty()) {
    const ssize_t sent = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (sent > 0) {
      bytes = bytes.subspan(static_cast<std::size_t>(sent));
      continue;
    }
    if (sent < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) return errno;
    if (const int error = wait_for(fd, POLLOUT, deadline); error != 0) return error;
  }
  return 0;
}

int receive_exactly_until(int fd, std::span<std::uint8_t> bytes, Deadline deadline) {
  while (!bytes.empty()) {
    const ssize_t received = ::recv(fd, bytes.data(), bytes.size(), 0);
    if (received > 0) {
      bytes = bytes.subspan(static_cast<std::size_t>(received));
      continue;
    }
    if (received == 0) return ECONNRESET;
    if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) return errno;
    if (const int error = wait_for(fd, POLLIN, deadline); error != 0) return error;
  }
  return 0;
}

int set_nonblocking(int fd, bool nonblocking) {
  const int flags = ::fcntl(fd, F_GETFL);
  if (flags < 0) return -1;
  ::fcntl(fd, F_SETFL, nonblocking ? (flags | O_NONBLOCK) : (flags & ~O_NONBLOCK));
  return flags;
}

}  // namespace mq::net
