// --tls-version names and the pin they put on an OpenSSL context.
#include <doctest/doctest.h>
#include <openssl/ssl.h>

#include "mq/net/tls_pinning.hpp"

TEST_CASE("net::tls_protocol_version") {
  CHECK(mq::net::tls_protocol_version("tlsv1.1").value() == TLS1_1_VERSION);
  CHECK(mq::net::tls_protocol_version("tlsv1.2").value() == TLS1_2_VERSION);
  CHECK(mq::net::tls_protocol_version("tlsv1.3").value() == TLS1_3_VERSION);
  CHECK(mq::net::tls_protocol_version("tlsv1").error() ==
        "unknown TLS version 'tlsv1': use tlsv1.1, tlsv1.2 or tlsv1.3");
}

TEST_CASE("net::pin_tls_version") {
  SSL_CTX* context = SSL_CTX_new(TLS_client_method());
  REQUIRE(context != nullptr);
  mq::net::pin_tls_version(context, TLS1_2_VERSION);
  CHECK(SSL_CTX_get_min_proto_version(context) == TLS1_2_VERSION);
  CHECK(SSL_CTX_get_max_proto_version(context) == TLS1_2_VERSION);
  SSL_CTX_free(context);
}
