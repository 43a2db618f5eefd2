#include "mq/net/active_plan.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>
#include <cstring>

#include "mq/core/error.hpp"
#include "mq/core/exit_status.hpp"
#include "mq/net/tls_pinning.hpp"

namespace mq::net {
namespace {

std::string_view without_brackets(std::string_view host) {
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') return host.substr(1, host.size() - 2);
  return host;
}

std::uint16_t port_of(const sockaddr* address) {
  if (address->sa_family == AF_INET) {
    sockaddr_in ipv4{};
    std::memcpy(&ipv4, address, sizeof(ipv4));
    return ntohs(ipv4.sin_port);
  }
  sockaddr_in6 ipv6{};
  std::memcpy(&ipv6, address, sizeof(ipv6));
  return ntohs(ipv6.sin6_port);
}

bool same_proxy(const std::optional<SocksProxy>& left, const std::optional<SocksProxy>& right) {
  if (left.has_value() != right.has_value()) return false;
  if (!left) return true;
  return left->host == right->host && left->port == right->port && left->username == right->username &&
         left->password == right->password && left->remote_dns == right->remote_dns;
}

}  // namespace

ActivePlan::ActivePlan(SocketPlan plan) : plan_(std::move(plan)) {
  if (plan_.tls_version) {
    const auto version = tls_protocol_version(*plan_.tls_version);
    if (!version) throw Error(exit_status::usage, "--tls-version", version.error());
    pinned_tls_version_ = *version;
  }
  uses_placeholder_ = plan_.unix_socket.has_value() || (plan_.proxy && plan_.proxy->remote_dns);
  shapes_connect_ =
      plan_.unix_socket || plan_.bind_address || plan_.nodelay || plan_.proxy || plan_.fast_connect;
  if (uses_placeholder_) {
    // Our own diagnosis probe connects to the placeholder without resolving the broker's name first.
    sockaddr_in placeholder{};
    placeholder.sin_family = AF_INET;
    ::inet_pton(AF_INET, placeholder_address, &placeholder.sin_addr);
    remember_broker_address(reinterpret_cast<const sockaddr*>(&placeholder));
  }
}

bool ActivePlan::names_broker(std::string_view name) const {
  return without_brackets(name) == without_brackets(plan_.broker_host);
}

std::optional<ActivePlan::HostAddress> ActivePlan::host_address(const sockaddr* address) {
  HostAddress host;
  if (address->sa_family == AF_INET) {
    sockaddr_in ipv4{};
    std::memcpy(&ipv4, address, sizeof(ipv4));
    host.family = AF_INET;
    std::memcpy(host.bytes.data(), &ipv4.sin_addr, sizeof(ipv4.sin_addr));
    return host;
  }
  if (address->sa_family == AF_INET6) {
    sockaddr_in6 ipv6{};
    std::memcpy(&ipv6, address, sizeof(ipv6));
    host.family = AF_INET6;
    std::memcpy(host.bytes.data(), &ipv6.sin6_addr, sizeof(ipv6.sin6_addr));
    return host;
  }
  return std::nullopt;
}

void ActivePlan::remember_broker_address(const sockaddr* address) const {
  const auto host = host_address(address);
  if (!host) return;
  std::lock_guard lock(addresses_mutex_);
  if (std::find(broker_addresses_.begin(), broker_addresses_.end(), *host) == broker_addresses_.end())
    broker_addresses_.push_back(*host);
}

bool ActivePlan::is_broker_endpoint(const sockaddr* address) const {
  if (address == nullptr) return false;
  const auto host = host_address(address);
  if (!host || port_of(address) != plan_.broker_port) return false;
  std::lock_guard lock(addresses_mutex_);
  return std::find(broker_addresses_.begin(), broker_addresses_.end(), *host) != broker_addresses_.end();
}

bool ActivePlan::same_as(const SocketPlan& other) const {
  return plan_.unix_socket == other.unix_socket && plan_.bind_address == other.bind_address &&
         plan_.nodelay == other.nodelay && same_proxy(plan_.proxy, other.proxy) &&
         plan_.broker_host == other.broker_host && plan_.broker_port == other.broker_port &&
         plan_.tls_version == other.tls_version && plan_.connect_timeout == other.connect_timeout &&
         plan_.fast_connect == other.fast_connect;
}

}  // namespace mq::net
