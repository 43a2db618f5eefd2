#pragma once
// Paho 1.3.12 has no unix sockets, SOCKS proxies, source-address binding, TCP_NODELAY or TLS version pinning.
// It opens its sockets itself, so we give it all of these from below: this module defines connect(),
// usleep() and SSL_CTX_new() in the executable (symbol interposition; Paho resolves them dynamically) and
// applies the plan installed here before the first connect. The hooks are process-wide by nature, so the
// plan is the one piece of process state in the suite; it is set once, before Paho's threads start.
#include <cstdint>
#include <optional>
#include <string>

#include "mq/core/connection_options.hpp"

namespace mq::net {

struct SocketPlan {
  std::optional<std::string> unix_socket;   // --unix PATH: the TCP connect goes to this socket instead
  std::optional<std::string> bind_address;  // -A ADDRESS: bind() before connect()
  bool nodelay = false;                     // --nodelay: TCP_NODELAY on the broker connection
  std::optional<SocksProxy> proxy;          // --proxy socks5[h]://: tunnel the broker connection
  std::string broker_host;                  // the name the user gave (sent to the proxy with socks5h)
  std::uint16_t broker_port = 0;
  std::optional<std::string> tls_version;  // --tls-version tlsv1.2|tlsv1.3: pinned as min and max
  Duration connect_timeout = std::chrono::seconds(30);
};

// Installs the plan for every later connection of this process. Returns the host Paho should be given in
// its URI (a proxied or unix connection gets a placeholder that the connect hook recognises).
std::string install_socket_plan(const SocketPlan& plan);

}  // namespace mq::net
