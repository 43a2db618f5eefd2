#include "mq/net/tls_pinning.hpp"

#include <fmt/format.h>

namespace mq::net {

tl::expected<int, std::string> tls_protocol_version(std::string_view name) {
  if (name == "tlsv1.1") return TLS1_1_VERSION;
  if (name == "tlsv1.2") return TLS1_2_VERSION;
  if (name == "tlsv1.3") return TLS1_3_VERSION;
  return tl::unexpected(fmt::format("unknown TLS version '{}': use tlsv1.1, tlsv1.2 or tlsv1.3", name));
}

}  // namespace mq::net
