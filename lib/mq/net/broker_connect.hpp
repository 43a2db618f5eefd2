#pragma once
// What the connect hook does to a connect() that goes to the broker: bind (-A), TCP_NODELAY, or replace
// the socket by one connected to a unix socket (--unix) or tunnelled through a SOCKS5 proxy (--proxy).
#include <sys/socket.h>

#include <tl/expected.hpp>

#include "mq/net/active_plan.hpp"
#include "mq/net/socket_failure.hpp"

namespace mq::net {

// How connect() should answer the caller once the plan was applied.
enum class ConnectOutcome {
  connected,    // return 0
  in_progress,  // return -1 with EINPROGRESS: Paho then polls and finds the socket writable, as usual
  passed_on,    // the real connect() ran; return what it returned, errno untouched
};

struct AppliedConnect {
  ConnectOutcome outcome = ConnectOutcome::connected;
  int passed_on_result = 0;
  int passed_on_errno = 0;
};

tl::expected<AppliedConnect, SocketFailure> connect_to_broker(int fd, const ActivePlan& active,
                                                              const sockaddr* address, socklen_t length);

}  // namespace mq::net
