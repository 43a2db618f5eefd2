#pragma once
// --tls-version: Paho 1.3.12 uses TLS_client_method() and ignores its sslVersion field under OpenSSL 3, so
// the version is pinned on every SSL_CTX the process creates (see the SSL_CTX_new hook in socket_hooks.cpp).
#include <openssl/ssl.h>

#include <string>
#include <string_view>
#include <tl/expected.hpp>

namespace mq::net {

// "tlsv1.1" | "tlsv1.2" | "tlsv1.3" -> TLS1_1_VERSION ...; anything else is an error naming the choices.
tl::expected<int, std::string> tls_protocol_version(std::string_view name);

// Makes the context speak exactly this protocol version (minimum and maximum). In mq_net_tls (ssl_hook.cpp):
// the only part of the socket layer that calls into OpenSSL, so a program without TLS does not load it.
void pin_tls_version(SSL_CTX* context, int version);

// Links the SSL_CTX_new hook into the program (nothing else refers to it); the TLS client calls it once.
void use_tls_version_pinning();

}  // namespace mq::net
