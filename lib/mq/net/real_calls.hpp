#pragma once
// The C library's own connect() and getaddrinfo() and OpenSSL's SSL_CTX_new(), found behind our interposers
// with dlsym(RTLD_NEXT). Code in this module must use these, never ::connect or ::getaddrinfo, or it would
// re-enter its own hooks.
#include <netdb.h>
#include <openssl/ssl.h>
#include <sys/socket.h>

namespace mq::net {

using ConnectFunction = int (*)(int, const sockaddr*, socklen_t);
using GetaddrinfoFunction = int (*)(const char*, const char*, const addrinfo*, addrinfo**);
using SslCtxNewFunction = SSL_CTX* (*)(const SSL_METHOD*);

ConnectFunction real_connect();
GetaddrinfoFunction real_getaddrinfo();
SslCtxNewFunction real_ssl_ctx_new();

}  // namespace mq::net
