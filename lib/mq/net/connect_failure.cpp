#include "mq/net/connect_failure.hpp"

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fmt/format.h>

#include "mq/core/exit_status.hpp"
#include "mq/core/reason_codes.hpp"
#include "mq/net/socket_hooks.hpp"

namespace mq::net {
namespace {

// Connects one socket with a deadline; returns 0 or an errno value (ETIMEDOUT on the deadline).
int connect_with_deadline(int fd, const sockaddr* address, socklen_t length, Duration timeout) {
  const int flags = ::fcntl(fd, F_GETFL);
  ::fcntl(fd, F_SETFL, flags | O_NONBLOCK);
  int result = 0;
  if (::connect(fd, address, length) != 0) {
    if (errno != EINPROGRESS) return errno;
    pollfd waiting{fd, POLLOUT, 0};
    const int ready =
        ::poll(&waiting, 1, static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(timeout).count()));
    if (ready == 0) return ETIMEDOUT;
    socklen_t result_length = sizeof(result);
    ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &result, &result_length);
  }
  return result;
}

}  // namespace

std::string probe_tcp(const ResolvedConnection& connection) {
  if (connection.unix_socket) {
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strncpy(address.sun_path, connection.unix_socket->c_str(), sizeof(address.sun_path) - 1);
    const int error = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0 ? 0 : errno;
    ::close(fd);
    return error == 0 ? std::string() : std::strerror(error);
  }
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const std::string port = std::to_string(connection.port);
  if (!connection.proxy || !connection.proxy->remote_dns) {
    const int rc = ::getaddrinfo(connection.host.c_str(), port.c_str(), &hints, &found);
    if (rc != 0) return fmt::format("cannot resolve host name '{}': {}", connection.host, ::gai_strerror(rc));
  } else {
    // The proxy resolves the name: the socket layer rewrites this connect, any local address will do.
    if (::getaddrinfo("127.0.0.1", port.c_str(), &hints, &found) != 0) return {};
  }
  std::string outcome = "no address";
  for (addrinfo* address = found; address != nullptr; address = address->ai_next) {
    const int fd = ::socket(address->ai_family, address->ai_socktype | SOCK_CLOEXEC, address->ai_protocol);
    if (fd < 0) continue;
    const int error = connect_with_deadline(fd, address->ai_addr, address->ai_addrlen, connection.connect_timeout);
    ::close(fd);
    if (error == 0) {
      outcome.clear();
      break;
    }
    outcome = error == ETIMEDOUT ? fmt::format("no answer within {}", format_duration(connection.connect_timeout))
                                 : std::string(std::strerror(error));
    for (auto& c : outcome) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  ::freeaddrinfo(found);
  return outcome;
}


namespace {

std::string connect_what(const ResolvedConnection& connection) {
  return fmt::format("connecting to {}", endpoint_text(connection));
}

}  // namespace

std::string endpoint_text(const ResolvedConnection& connection) {
  if (connection.unix_socket) return *connection.unix_socket;
  return fmt::format("{}:{}", connection.host, connection.port);
}

std::optional<Error> connack_or_tcp_failure(const ResolvedConnection& connection, int code) {
  const std::string what = connect_what(connection);
  const int version = static_cast<int>(connection.version);
  // Only real CONNACK codes become exit statuses (a broker answering garbage once produced "refused: unknown
  // reason code 174" and exit 174).
  const bool connack_code = version == 5 ? (code >= 0x80 && code <= 0xA2) : (code >= 1 && code <= 5);
  if (code > 0 && !connack_code)
    return Error(exit_status::unreachable, what, fmt::format("the broker sent an invalid CONNACK (code {})", code),
                 "is this an MQTT broker? check -h/-p and -V");
  if (code > 0) {
    const std::string words = version == 5 ? reason_code_text(code) : connack_v3_text(code);
    return Error(code, what, fmt::format("the broker refused the connection: {}", words),
                 connack_hint(code, version));
  }
  std::string tcp_problem = probe_tcp(connection);
  // The socket layer knows more about proxies and unix sockets than errno does.
  if (const std::string socket_failure = last_socket_failure(); !tcp_problem.empty() && !socket_failure.empty())
    tcp_problem = socket_failure;
  if (tcp_problem.empty()) return std::nullopt;
  std::string hint = "is the broker running? check -h/-p or -L";
  if (tcp_problem.starts_with("cannot resolve")) hint = "check the host name";
  if (connection.proxy) hint = "check --proxy and that the proxy can reach the broker";
  return Error(exit_status::unreachable, what, tcp_problem, hint);
}

Error closed_before_answer(const ResolvedConnection& connection, const std::string& detail) {
  const bool websocket = uses_websocket(connection.transport);
  std::string why = websocket ? "the websocket handshake failed" : "the broker closed the connection before answering";
  if (!detail.empty()) why += fmt::format(" ({})", detail);
  return Error(exit_status::unreachable, connect_what(connection), why,
               websocket ? "is this a websockets listener? check the port and --ws-path"
                         : "is this an MQTT port? TLS ports need mqtts:// or --cafile");
}

Error diagnose_plain_connect_failure(const ResolvedConnection& connection, int code, const std::string& detail) {
  if (auto failure = connack_or_tcp_failure(connection, code)) return *failure;
  return closed_before_answer(connection, detail);
}

}  // namespace mq::net
