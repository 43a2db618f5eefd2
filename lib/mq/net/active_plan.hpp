#pragma once
// The installed SocketPlan plus what the hooks learn while it is in force: the addresses the broker's name
// resolved to (so connect() can tell the broker connection from any other) and the pinned TLS version.
#include <sys/socket.h>

#include <array>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mq/net/socket_hooks.hpp"

namespace mq::net {

// With --unix or socks5h the broker's name may not resolve here, yet Paho resolves it before connecting:
// the getaddrinfo hook answers this instead, and connects to it are replaced.
inline constexpr const char* placeholder_address = "127.0.0.1";

class ActivePlan {
 public:
  explicit ActivePlan(SocketPlan plan);  // throws mq::Error for an unknown tls_version

  const SocketPlan& plan() const { return plan_; }
  // Anything for the connect hook to do (else connect() passes straight through).
  bool shapes_connect() const { return shapes_connect_; }
  // Paho must be handed placeholder_address for the broker's name (--unix, socks5h).
  bool uses_placeholder() const { return uses_placeholder_; }
  std::optional<int> pinned_tls_version() const { return pinned_tls_version_; }

  // Is `name` (as given to getaddrinfo) the broker's host? IPv6 brackets are ignored.
  bool names_broker(std::string_view name) const;
  // Remembers one address the broker's name resolved to; port is ignored.
  void remember_broker_address(const sockaddr* address) const;
  // Is this connect() destination the broker endpoint?
  bool is_broker_endpoint(const sockaddr* address) const;

  bool same_as(const SocketPlan& other) const;

 private:
  struct HostAddress {
    sa_family_t family = AF_UNSPEC;
    std::array<std::uint8_t, 16> bytes{};
    bool operator==(const HostAddress&) const = default;
  };
  static std::optional<HostAddress> host_address(const sockaddr* address);

  SocketPlan plan_;
  bool shapes_connect_ = false;
  bool uses_placeholder_ = false;
  std::optional<int> pinned_tls_version_;
  // Written by whichever thread resolves the broker (Paho's send thread, our diagnosis probe).
  mutable std::mutex addresses_mutex_;
  mutable std::vector<HostAddress> broker_addresses_;
};

// The plan install_socket_plan() made current (null before the first), for hooks defined elsewhere.
const ActivePlan* installed_active_plan();

}  // namespace mq::net
