#include "mq/net/socks5.hpp"

#include <fmt/format.h>
#include <netinet/in.h>

#include <array>
#include <cerrno>
#include <cstring>

namespace mq::net::socks5 {
namespace {

constexpr std::uint8_t socks_version = 0x05;
constexpr std::uint8_t user_password_version = 0x01;
constexpr std::uint8_t command_connect = 0x01;
constexpr std::uint8_t no_acceptable_method = 0xFF;
constexpr std::uint8_t address_ipv4 = 0x01;
constexpr std::uint8_t address_name = 0x03;
constexpr std::uint8_t address_ipv6 = 0x04;

void append_port(Bytes& message, std::uint16_t port) {
  message.push_back(static_cast<std::uint8_t>(port >> 8));
  message.push_back(static_cast<std::uint8_t>(port & 0xFF));
}

Bytes request_head(std::uint8_t address_type) {
  return {socks_version, command_connect, 0x00, address_type};
}

}  // namespace

Bytes greeting(bool have_credentials) {
  if (have_credentials)
    return {socks_version, 2, static_cast<std::uint8_t>(Method::no_authentication),
            static_cast<std::uint8_t>(Method::user_password)};
  return {socks_version, 1, static_cast<std::uint8_t>(Method::no_authentication)};
}

tl::expected<Method, std::string> parse_method_choice(std::span<const std::uint8_t> reply,
                                                      bool have_credentials) {
  if (reply.size() != 2)
    return tl::unexpected(fmt::format("method choice of {} bytes (expected 2)", reply.size()));
  if (reply[0] != socks_version)
    return tl::unexpected(fmt::format("not a SOCKS5 proxy (it answered version {})", reply[0]));
  if (reply[1] == no_acceptable_method) {
    if (have_credentials)
      return tl::unexpected(std::string("it accepts neither no authentication nor user/password"));
    return tl::unexpected(std::string("it requires authentication (give user:password@ in --proxy)"));
  }
  if (reply[1] == static_cast<std::uint8_t>(Method::no_authentication)) return Method::no_authentication;
  if (reply[1] == static_cast<std::uint8_t>(Method::user_password) && have_credentials)
    return Method::user_password;
  return tl::unexpected(fmt::format("it chose authentication method {}, which we did not offer", reply[1]));
}

tl::expected<Bytes, std::string> user_password_request(std::string_view user, std::string_view password) {
  if (user.empty() || user.size() > 255)
    return tl::unexpected(fmt::format("proxy user name must be 1 to 255 bytes, not {}", user.size()));
  if (password.empty() || password.size() > 255)
    return tl::unexpected(fmt::format("proxy password must be 1 to 255 bytes, not {}", password.size()));
  Bytes request{user_password_version, static_cast<std::uint8_t>(user.size())};
  request.insert(request.end(), user.begin(), user.end());
  request.push_back(static_cast<std::uint8_t>(password.size()));
  request.insert(request.end(), password.begin(), password.end());
  return request;
}

tl::expected<void, std::string> parse_user_password_reply(std::span<const std::uint8_t> reply) {
  if (reply.size() != 2)
    return tl::unexpected(fmt::format("authentication reply of {} bytes (expected 2)", reply.size()));
  if (reply[0] != user_password_version)
    return tl::unexpected(fmt::format("authentication reply has version {} (expected 1)", reply[0]));
  if (reply[1] != 0) return tl::unexpected(std::string("user name or password rejected"));
  return {};
}

tl::expected<Bytes, std::string> connect_request_for_name(std::string_view host, std::uint16_t port) {
  if (host.empty() || host.size() > 255)
    return tl::unexpected(fmt::format("host name must be 1 to 255 bytes for SOCKS5, not {}", host.size()));
  Bytes request = request_head(address_name);
  request.push_back(static_cast<std::uint8_t>(host.size()));
  request.insert(request.end(), host.begin(), host.end());
  append_port(request, port);
  return request;
}

tl::expected<Bytes, std::string> connect_request_for_address(const sockaddr* address) {
  if (address->sa_family == AF_INET) {
    sockaddr_in ipv4{};
    std::memcpy(&ipv4, address, sizeof(ipv4));
    Bytes request = request_head(address_ipv4);
    std::array<std::uint8_t, 4> octets{};
    std::memcpy(octets.data(), &ipv4.sin_addr, octets.size());
    request.insert(request.end(), octets.begin(), octets.end());
    append_port(request, ntohs(ipv4.sin_port));
    return request;
  }
  if (address->sa_family == AF_INET6) {
    sockaddr_in6 ipv6{};
    std::memcpy(&ipv6, address, sizeof(ipv6));
    Bytes request = request_head(address_ipv6);
    std::array<std::uint8_t, 16> octets{};
    std::memcpy(octets.data(), &ipv6.sin6_addr, octets.size());
    request.insert(request.end(), octets.begin(), octets.end());
    append_port(request, ntohs(ipv6.sin6_port));
    return request;
  }
  return tl::unexpected(
      fmt::format("address family {} cannot be sent to a SOCKS5 proxy", address->sa_family));
}

tl::expected<std::size_t, std::string> connect_reply_size(std::span<const std::uint8_t> head) {
  if (head.size() < reply_head_size)
    return tl::unexpected(
        fmt::format("reply of {} bytes (expected at least {})", head.size(), reply_head_size));
  if (head[0] != socks_version)
    return tl::unexpected(fmt::format("not a SOCKS5 proxy (it answered version {})", head[0]));
  constexpr std::size_t fixed = 4 + 2;  // VER REP RSV ATYP + port
  switch (head[3]) {
    case address_ipv4:
      return fixed + 4;
    case address_ipv6:
      return fixed + 16;
    case address_name:
      return fixed + 1 + head[4];
    default:
      return tl::unexpected(fmt::format("reply with unknown address type {}", head[3]));
  }
}

std::string reply_text(std::uint8_t code) {
  switch (code) {
    case 0:
      return "succeeded";
    case 1:
      return "general SOCKS server failure";
    case 2:
      return "connection not allowed by ruleset";
    case 3:
      return "network unreachable";
    case 4:
      return "host unreachable";
    case 5:
      return "connection refused by destination";
    case 6:
      return "TTL expired";
    case 7:
      return "command not supported";
    case 8:
      return "address type not supported";
    default:
      return "unassigned reply code";
  }
}

int reply_errno(std::uint8_t code) {
  switch (code) {
    case 0:
      return 0;
    case 2:
      return EACCES;
    case 3:
      return ENETUNREACH;
    case 4:
      return EHOSTUNREACH;
    case 5:
      return ECONNREFUSED;
    case 6:
      return ETIMEDOUT;
    case 7:
      return EOPNOTSUPP;
    case 8:
      return EAFNOSUPPORT;
    default:
      return ECONNABORTED;
  }
}

}  // namespace mq::net::socks5
