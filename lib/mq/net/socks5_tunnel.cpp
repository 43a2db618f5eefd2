#include "mq/net/socks5_tunnel.hpp"

#include <fmt/format.h>

#include <array>
#include <cerrno>
#include <cstring>

#include "mq/net/socks5.hpp"

namespace mq::net {
namespace {

tl::unexpected<SocketFailure> io_failure(int error) {
  if (error == ETIMEDOUT) return tl::unexpected(SocketFailure{ETIMEDOUT, {}});
  if (error == ECONNRESET)
    return tl::unexpected(SocketFailure{ECONNRESET, "closed the connection during the SOCKS5 handshake"});
  return tl::unexpected(
      SocketFailure{error, fmt::format("failed during the SOCKS5 handshake: {}", std::strerror(error))});
}

tl::unexpected<SocketFailure> protocol_failure(const std::string& why) {
  return tl::unexpected(SocketFailure{ECONNABORTED, fmt::format("failed: {}", why)});
}

tl::expected<void, SocketFailure> authenticate(int fd, const SocksProxy& proxy, Deadline deadline) {
  const bool have_credentials = proxy.username.has_value();
  const socks5::Bytes hello = socks5::greeting(have_credentials);
  if (const int error = send_all_until(fd, hello, deadline); error != 0) return io_failure(error);
  std::array<std::uint8_t, 2> choice{};
  if (const int error = receive_exactly_until(fd, choice, deadline); error != 0) return io_failure(error);
  const auto method = socks5::parse_method_choice(choice, have_credentials);
  if (!method) {
    if (choice[0] == 0x05)
      return tl::unexpected(SocketFailure{EACCES, fmt::format("refused: {}", method.error())});
    return protocol_failure(method.error());
  }
  if (*method == socks5::Method::no_authentication) return {};

  const auto request = socks5::user_password_request(*proxy.username, proxy.password.value_or(""));
  if (!request) return tl::unexpected(SocketFailure{EINVAL, fmt::format("failed: {}", request.error())});
  if (const int error = send_all_until(fd, *request, deadline); error != 0) return io_failure(error);
  std::array<std::uint8_t, 2> status{};
  if (const int error = receive_exactly_until(fd, status, deadline); error != 0) return io_failure(error);
  if (const auto accepted = socks5::parse_user_password_reply(status); !accepted)
    return tl::unexpected(SocketFailure{EACCES, fmt::format("refused: {}", accepted.error())});
  return {};
}

}  // namespace

tl::expected<void, SocketFailure> open_socks5_tunnel(int fd, const SocksProxy& proxy,
                                                     const TunnelDestination& destination,
                                                     Deadline deadline) {
  if (auto authenticated = authenticate(fd, proxy, deadline); !authenticated) return authenticated;

  const auto request = proxy.remote_dns
                           ? socks5::connect_request_for_name(destination.host_name, destination.port)
                           : socks5::connect_request_for_address(destination.address);
  if (!request) return tl::unexpected(SocketFailure{EINVAL, fmt::format("failed: {}", request.error())});
  if (const int error = send_all_until(fd, *request, deadline); error != 0) return io_failure(error);

  std::array<std::uint8_t, 4 + 1 + 255 + 2> reply{};
  const auto head = std::span(reply).first(socks5::reply_head_size);
  if (const int error = receive_exactly_until(fd, head, deadline); error != 0) return io_failure(error);
  const auto size = socks5::connect_reply_size(head);
  if (!size) return protocol_failure(size.error());
  // The bound address that follows is of no use to us, but it must be read so the broker's bytes start clean.
  const auto rest = std::span(reply).subspan(socks5::reply_head_size, *size - socks5::reply_head_size);
  if (const int error = receive_exactly_until(fd, rest, deadline); error != 0) return io_failure(error);
  const std::uint8_t code = reply[1];
  if (code != 0)
    return tl::unexpected(
        SocketFailure{socks5::reply_errno(code),
                      fmt::format("refused: {} (SOCKS reply {})", socks5::reply_text(code), code)});
  return {};
}

}  // namespace mq::net
