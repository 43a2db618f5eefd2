#include "mq/net/real_calls.hpp"

#include <dlfcn.h>

#include <cstdio>
#include <cstdlib>

namespace mq::net {
namespace {

// A missing symbol means the process is not linked the way the hooks assume: continuing would recurse into
// our own hook forever, so stop loudly.
void* next_symbol(const char* name) {
  void* found = ::dlsym(RTLD_NEXT, name);
  if (found == nullptr) {
    std::fprintf(stderr, "mq: internal error: dlsym(RTLD_NEXT, \"%s\") found nothing\n", name);
    std::abort();
  }
  return found;
}

}  // namespace

// Each lookup runs once (thread-safe static initialisation); afterwards a call costs one load.
ConnectFunction real_connect() {
  static const auto function = reinterpret_cast<ConnectFunction>(next_symbol("connect"));
  return function;
}

GetaddrinfoFunction real_getaddrinfo() {
  static const auto function = reinterpret_cast<GetaddrinfoFunction>(next_symbol("getaddrinfo"));
  return function;
}

SslCtxNewFunction real_ssl_ctx_new() {
  static const auto function = reinterpret_cast<SslCtxNewFunction>(next_symbol("SSL_CTX_new"));
  return function;
}

}  // namespace mq::net
