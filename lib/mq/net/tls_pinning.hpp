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

// Makes the context speak exactly this protocol version (minimum and maximum).
void pin_tls_version(SSL_CTX* context, int version);

}  // namespace mq::net
