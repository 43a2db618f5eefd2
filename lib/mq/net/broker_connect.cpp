#include "mq/net/broker_connect.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/un.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>

#include "mq/net/real_calls.hpp"
#include "mq/net/socket_io.hpp"
#include "mq/net/socks5_tunnel.hpp"

namespace mq::net {

std::string error_words(int error) {
  std::string words = std::strerror(error);
  if (!words.empty()) words[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(words[0])));
  return words;
}

namespace {

tl::unexpected<SocketFailure> failure(int error, std::string reason) {
  return tl::unexpected(SocketFailure{error, std::move(reason)});
}

std::string proxy_label(const SocksProxy& proxy) {
  const bool ipv6 = proxy.host.find(':') != std::string::npos;
  return ipv6 ? fmt::format("proxy [{}]:{}", proxy.host, proxy.port)
              : fmt::format("proxy {}:{}", proxy.host, proxy.port);
}

// Closes the descriptor on every path out, unless released.
class OwnedSocket {
 public:
  explicit OwnedSocket(int fd) : fd_(fd) {}
  OwnedSocket(const OwnedSocket&) = delete;
  OwnedSocket& operator=(const OwnedSocket&) = delete;
  ~OwnedSocket() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }
  int release() { return std::exchange(fd_, -1); }

 private:
  int fd_;
};

tl::expected<void, SocketFailure> bind_source(int fd, sa_family_t family, const std::string& bind_address) {
  addrinfo hints{};
  hints.ai_family = family;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  addrinfo* found = nullptr;
  const int rc = real_getaddrinfo()(bind_address.c_str(), nullptr, &hints, &found);
  if (rc != 0) {
    const char* family_name = family == AF_INET6 ? "IPv6" : "IPv4";
    return failure(EADDRNOTAVAIL, fmt::format("cannot use -A {}: no {} address ({})", bind_address,
                                              family_name, ::gai_strerror(rc)));
  }
  const int bound = ::bind(fd, found->ai_addr, found->ai_addrlen);
  const int error = errno;
  ::freeaddrinfo(found);
  if (bound != 0)
    return failure(error, fmt::format("cannot bind to -A {}: {}", bind_address, error_words(error)));
  return {};
}

void set_nodelay(int fd) {
  const int on = 1;
  // A failure only costs latency, and the connection itself still works: not worth failing the connect for.
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
}

tl::expected<int, SocketFailure> open_unix_socket(const std::string& path) {
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (path.size() >= sizeof(address.sun_path))
    return failure(ENAMETOOLONG, fmt::format("unix socket path is longer than {} bytes: {}",
                                             sizeof(address.sun_path) - 1, path));
  std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
  OwnedSocket socket_fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (socket_fd.get() < 0)
    return failure(errno, fmt::format("cannot create a unix socket: {}", error_words(errno)));
  if (real_connect()(socket_fd.get(), reinterpret_cast<const sockaddr*>(&address), sizeof(address)) != 0) {
    const int error = errno;
    return failure(error, fmt::format("cannot connect to unix socket {}: {}", path, error_words(error)));
  }
  return socket_fd.release();
}

tl::expected<int, SocketFailure> open_proxy_tunnel(const SocketPlan& plan, const sockaddr* broker_address) {
  const SocksProxy& proxy = *plan.proxy;
  const std::string label = proxy_label(proxy);
  const Deadline deadline = std::chrono::steady_clock::now() + plan.connect_timeout;
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICSERV;
  addrinfo* found = nullptr;
  const std::string port = std::to_string(proxy.port);
  if (const int rc = real_getaddrinfo()(proxy.host.c_str(), port.c_str(), &hints, &found); rc != 0)
    return failure(EHOSTUNREACH,
                   fmt::format("cannot resolve proxy host name '{}': {}", proxy.host, ::gai_strerror(rc)));

  SocketFailure last{EHOSTUNREACH, fmt::format("{} unreachable: no address", label)};
  int connected = -1;
  for (addrinfo* candidate = found; candidate != nullptr && connected < 0; candidate = candidate->ai_next) {
    OwnedSocket socket_fd(::socket(candidate->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    if (socket_fd.get() < 0) continue;
    if (plan.bind_address) {
      if (auto bound = bind_source(socket_fd.get(), static_cast<sa_family_t>(candidate->ai_family),
                                   *plan.bind_address);
          !bound) {
        last = bound.error();
        continue;
      }
    }
    if (plan.nodelay) set_nodelay(socket_fd.get());
    const int error = connect_until(socket_fd.get(), candidate->ai_addr, candidate->ai_addrlen, deadline);
    if (error != 0) {
      last = error == ETIMEDOUT
                 ? SocketFailure{ETIMEDOUT, fmt::format("{} did not answer within {}", label,
                                                        format_duration(plan.connect_timeout))}
                 : SocketFailure{error, fmt::format("{} unreachable: {}", label, error_words(error))};
      continue;
    }
    connected = socket_fd.release();
  }
  ::freeaddrinfo(found);
  if (connected < 0) return tl::unexpected(last);

  OwnedSocket tunnel(connected);
  const TunnelDestination destination{plan.broker_host, broker_address, plan.broker_port};
  if (auto opened = open_socks5_tunnel(tunnel.get(), proxy, destination, deadline); !opened) {
    SocketFailure why = opened.error();
    why.reason = why.reason.empty() ? fmt::format("{} did not answer within {}", label,
                                                  format_duration(plan.connect_timeout))
                                    : fmt::format("{} {}", label, why.reason);
    return tl::unexpected(why);
  }
  return tunnel.release();
}

// Puts `replacement` where Paho's socket was, with the flags Paho gave its own socket.
tl::expected<void, SocketFailure> take_place_of(int fd, int replacement, bool nonblocking,
                                                bool close_on_exec) {
  OwnedSocket owned(replacement);
  set_nonblocking(replacement, nonblocking);
  if (::dup3(replacement, fd, close_on_exec ? O_CLOEXEC : 0) < 0)
    return failure(errno, fmt::format("cannot take over the socket: {}", error_words(errno)));
  return {};
}

}  // namespace

tl::expected<AppliedConnect, SocketFailure> connect_to_broker(int fd, const ActivePlan& active,
                                                              const sockaddr* address, socklen_t length) {
  const SocketPlan& plan = active.plan();
  const int status_flags = ::fcntl(fd, F_GETFL);
  const bool nonblocking = status_flags >= 0 && (status_flags & O_NONBLOCK) != 0;

  if (plan.unix_socket || plan.proxy) {
    const auto replacement =
        plan.unix_socket ? open_unix_socket(*plan.unix_socket) : open_proxy_tunnel(plan, address);
    if (!replacement) return tl::unexpected(replacement.error());
    const bool close_on_exec = (::fcntl(fd, F_GETFD) & FD_CLOEXEC) != 0;
    if (auto placed = take_place_of(fd, *replacement, nonblocking, close_on_exec); !placed)
      return tl::unexpected(placed.error());
    // Paho 1.3.12 sends the websocket upgrade twice when connect() succeeds at once (#1348): unless the
    // caller said the transport is safe, answer the way a non-blocking connect normally does.
    const bool report_in_progress = nonblocking && !plan.fast_connect;
    return AppliedConnect{report_in_progress ? ConnectOutcome::in_progress : ConnectOutcome::connected, 0, 0};
  }

  if (plan.bind_address) {
    if (auto bound = bind_source(fd, address->sa_family, *plan.bind_address); !bound)
      return tl::unexpected(bound.error());
  }
  if (plan.nodelay) set_nodelay(fd);
  if (plan.fast_connect && nonblocking) {
    // Completing the TCP connect here lets Paho send CONNECT at once instead of after a 10 ms poll
    // (paho-notes §14).
    const Deadline deadline = std::chrono::steady_clock::now() + plan.connect_timeout;
    const int error = connect_until(fd, address, length, deadline);
    if (error != 0) return failure(error, error_words(error));
    return AppliedConnect{ConnectOutcome::connected, 0, 0};
  }
  const int result = real_connect()(fd, address, length);
  return AppliedConnect{ConnectOutcome::passed_on, result, errno};
}

}  // namespace mq::net
