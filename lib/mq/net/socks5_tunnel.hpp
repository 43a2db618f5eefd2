#pragma once
// Runs the SOCKS5 handshake on a socket already connected to the proxy, so that afterwards the socket
// carries bytes to and from the broker.
#include <sys/socket.h>

#include <cstdint>
#include <string>
#include <tl/expected.hpp>

#include "mq/core/connection_options.hpp"
#include "mq/net/socket_failure.hpp"
#include "mq/net/socket_io.hpp"

namespace mq::net {

struct TunnelDestination {
  std::string host_name;              // sent as a name (ATYP 3) when the proxy resolves (socks5h)
  const sockaddr* address = nullptr;  // sent as an address (ATYP 1/4) otherwise
  std::uint16_t port = 0;
};

// The failure's reason reads after "proxy HOST:PORT " ("refused: ...", "closed the connection ...");
// a timeout comes back as ETIMEDOUT with an empty reason for the caller to word.
tl::expected<void, SocketFailure> open_socks5_tunnel(int fd, const SocksProxy& proxy,
                                                     const TunnelDestination& destination, Deadline deadline);

}  // namespace mq::net
