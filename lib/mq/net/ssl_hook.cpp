// --tls-version for Paho: every SSL_CTX the process creates is pinned to the version the plan names. Kept
// apart from socket_hooks.cpp because it calls OpenSSL: programs that never speak TLS (mqpub over plain TCP)
// link the socket layer without it and so never load libssl and libcrypto, about 4 ms of start-up.
#include <openssl/ssl.h>

#include "mq/net/active_plan.hpp"
#include "mq/net/real_calls.hpp"
#include "mq/net/tls_pinning.hpp"

namespace mq::net {

void pin_tls_version(SSL_CTX* context, int version) {
  if (context == nullptr) return;
  SSL_CTX_set_min_proto_version(context, version);
  SSL_CTX_set_max_proto_version(context, version);
}

void use_tls_version_pinning() {}

}  // namespace mq::net

extern "C" {

SSL_CTX* SSL_CTX_new(const SSL_METHOD* method) {
  using namespace mq::net;
  SSL_CTX* context = real_ssl_ctx_new()(method);
  const ActivePlan* active = installed_active_plan();
  if (active != nullptr && active->pinned_tls_version()) pin_tls_version(context, *active->pinned_tls_version());
  return context;
}

}  // extern "C"
