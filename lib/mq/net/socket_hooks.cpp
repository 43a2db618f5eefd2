#include "mq/net/socket_hooks.hpp"

namespace mq::net {

// Placeholder until the interposition module lands: options that need it are rejected by the caller.
std::string install_socket_plan(const SocketPlan& plan) { return plan.broker_host; }

}  // namespace mq::net
