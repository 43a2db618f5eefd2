#pragma once
// Turns what the user asked for into a validated ResolvedConnection, or an mq::Error with exit status
// `usage` naming the option and the fix. Nothing here touches the network.
#include <string_view>

#include "mq/core/connection_options.hpp"

namespace mq {

struct ResolveContext {
  std::string_view tool;  // "mqpub": used for generated client ids (mqpub-<pid>-<random>)
  bool for_subscriber = false;
};

ResolvedConnection resolve_connection(const ConnectionOptions& options, const ResolveContext& context);

ProtocolVersion parse_protocol_version(std::string_view text);  // throws mq::Error(usage)
std::uint32_t parse_session_expiry(std::string_view text);      // throws mq::Error(usage)
SocksProxy parse_socks_proxy(std::string_view text);            // throws mq::Error(usage)

}  // namespace mq
