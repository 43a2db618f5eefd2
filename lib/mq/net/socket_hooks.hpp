#pragma once
// Paho 1.3.12 has no unix sockets, SOCKS proxies, source-address binding, TCP_NODELAY or TLS version pinning.
// It opens its sockets itself, so we give it all of these from below: this module defines connect(),
// getaddrinfo() and SSL_CTX_new() in the executable (symbol interposition; Paho resolves them
// dynamically) and applies the plan installed here. The hooks are process-wide by nature, so the plan is the
// one piece of process state in the suite.
//
// Which connects are touched: only TCP connects to the broker endpoint the plan names (the port, and an
// address the broker's name resolved to in this process, or the placeholder below). That includes our own
// diagnosis probes to the broker, on purpose: --unix and --proxy apply to them as to Paho's connection.
// Every other connect() passes straight through; with no plan it costs one atomic load.
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
  std::optional<std::string> tls_version;  // --tls-version tlsv1.1|tlsv1.2|tlsv1.3: pinned as min and max
  Duration connect_timeout = std::chrono::seconds(30);
  // Finish the connect (TCP, or unix/proxy set-up) inside connect() and report success at once, which saves
  // Paho ~10 ms per connect (paho-notes §14). Only for tcp:// and ssl://: with ws:// and wss:// Paho 1.3.12
  // would send the HTTP upgrade twice (#1348), so leave it false there.
  bool fast_connect = false;
};

// The plan for `connection`: its --unix, -A, --nodelay, --proxy, --tls-version and connect timeout. The caller
// decides fast_connect (which transports may have their connect completed inside connect()).
SocketPlan socket_plan_for(const ResolvedConnection& connection);

// Installs the plan for every later connection of this process (installing an equal plan again is free, so
// each client may call it). Returns the host Paho should be given in its URI: the broker's own name, since
// the getaddrinfo hook maps it to a local placeholder where needed (--unix, socks5h), which keeps TLS SNI and
// host-name verification on the real name. Throws mq::Error for an unknown tls_version.
std::string install_socket_plan(const SocketPlan& plan);

// Why the most recent connect the plan shaped failed, in words ("proxy 127.0.0.1:1080 refused: connection
// refused by destination (SOCKS reply 5)"); empty when the last one succeeded or none failed. Paho reports
// such failures only as "TCP/TLS connect failure", so the connection layer asks here.
std::string last_socket_failure();

}  // namespace mq::net
