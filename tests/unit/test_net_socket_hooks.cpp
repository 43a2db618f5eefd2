// The interposers in this very process: the unit-test binary links mq_net, so ::connect, ::getaddrinfo and
// SSL_CTX_new here are the hooks. Each test installs a plan for a made-up broker and removes it at the end.
#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "mq/core/error.hpp"
#include "mq/net/socket_hooks.hpp"

namespace {

struct PlanGuard {
  explicit PlanGuard(const mq::net::SocketPlan& plan) { mq::net::install_socket_plan(plan); }
  ~PlanGuard() { mq::net::install_socket_plan(mq::net::SocketPlan{}); }
  PlanGuard(const PlanGuard&) = delete;
  PlanGuard& operator=(const PlanGuard&) = delete;
};

struct Listener {
  int fd = -1;
  std::uint16_t port = 0;
  Listener() {
    fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof(address);
    ::bind(fd, reinterpret_cast<sockaddr*>(&address), length);
    ::listen(fd, 8);
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    port = ntohs(address.sin_port);
  }
  ~Listener() { ::close(fd); }
  Listener(const Listener&) = delete;
  Listener& operator=(const Listener&) = delete;
};

sockaddr_in loopback(std::uint16_t port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return address;
}

int connect_tcp(std::uint16_t port, int extra_flags = 0) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | extra_flags, 0);
  const sockaddr_in address = loopback(port);
  const int rc = ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address));
  if (rc != 0) {
    const int error = errno;
    ::close(fd);
    errno = error;
    return -1;
  }
  return fd;
}

sa_family_t family_of(int fd) {
  sockaddr_storage address{};
  socklen_t length = sizeof(address);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  return address.ss_family;
}

std::string unused_unix_path() {
  return "/tmp/mq_test_net_hooks_" + std::to_string(::getpid()) + ".sock";
}

// A unix listener standing in for mosquitto's `listener 0 /path`.
struct UnixListener {
  std::string path = unused_unix_path();
  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  UnixListener() {
    ::unlink(path.c_str());
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    path.copy(address.sun_path, path.size());
    ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address));
    ::listen(fd, 8);
  }
  ~UnixListener() {
    ::close(fd);
    ::unlink(path.c_str());
  }
  UnixListener(const UnixListener&) = delete;
  UnixListener& operator=(const UnixListener&) = delete;
};

}  // namespace

TEST_CASE("net::connect hook with --unix replaces the broker connection by the unix socket") {
  UnixListener broker;
  mq::net::SocketPlan plan;
  plan.unix_socket = broker.path;
  plan.broker_host = "hooks.test";
  plan.broker_port = 1;
  PlanGuard guard(plan);

  SUBCASE("the broker's name resolves to the placeholder") {
    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    REQUIRE(::getaddrinfo("hooks.test", "1", &hints, &found) == 0);
    std::array<char, INET_ADDRSTRLEN> text{};
    ::inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in*>(found->ai_addr)->sin_addr, text.data(), text.size());
    CHECK(std::string(text.data()) == "127.0.0.1");
    ::freeaddrinfo(found);
  }
  SUBCASE("a blocking connect returns 0 on a unix socket") {
    const int fd = connect_tcp(1);
    REQUIRE(fd >= 0);
    CHECK(family_of(fd) == AF_UNIX);
    CHECK((::fcntl(fd, F_GETFD) & FD_CLOEXEC) != 0);
    const int accepted = ::accept(broker.fd, nullptr, nullptr);
    CHECK(accepted >= 0);
    CHECK(::write(fd, "x", 1) == 1);
    char received = 0;
    CHECK(::read(accepted, &received, 1) == 1);
    CHECK(received == 'x');
    ::close(accepted);
    ::close(fd);
  }
  SUBCASE("a non-blocking connect stays non-blocking and reports EINPROGRESS, as Paho expects") {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    const sockaddr_in address = loopback(1);
    CHECK(::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) == -1);
    CHECK(errno == EINPROGRESS);
    CHECK(family_of(fd) == AF_UNIX);
    CHECK((::fcntl(fd, F_GETFL) & O_NONBLOCK) != 0);
    CHECK((::fcntl(fd, F_GETFD) & FD_CLOEXEC) == 0);
    ::close(fd);
  }
  SUBCASE("other destinations pass through") {
    Listener other;
    const int fd = connect_tcp(other.port);
    REQUIRE(fd >= 0);
    CHECK(family_of(fd) == AF_INET);
    ::close(fd);
  }
}

TEST_CASE("net::connect hook reports a missing unix socket") {
  mq::net::SocketPlan plan;
  plan.unix_socket = unused_unix_path();
  plan.broker_host = "hooks.test";
  plan.broker_port = 1;
  PlanGuard guard(plan);
  CHECK(connect_tcp(1) == -1);
  CHECK(errno == ENOENT);
  CHECK(mq::net::last_socket_failure() ==
        "cannot connect to unix socket " + *plan.unix_socket + ": no such file or directory");
}

TEST_CASE("net::connect hook with --proxy socks5h sends the name and words the proxy's refusal") {
  Listener proxy;
  std::vector<std::uint8_t> request(4 + 1 + 11 + 2);
  std::thread fake_proxy([&] {
    const int client = ::accept(proxy.fd, nullptr, nullptr);
    std::array<std::uint8_t, 3> greeting{};
    ::recv(client, greeting.data(), greeting.size(), MSG_WAITALL);
    const std::array<std::uint8_t, 2> choice{5, 0};
    ::send(client, choice.data(), choice.size(), 0);
    ::recv(client, request.data(), request.size(), MSG_WAITALL);
    const std::array<std::uint8_t, 10> refused{5, 5, 0, 1, 0, 0, 0, 0, 0, 0};
    ::send(client, refused.data(), refused.size(), 0);
    ::close(client);
  });
  mq::net::SocketPlan plan;
  plan.proxy = mq::SocksProxy{"127.0.0.1", proxy.port, std::nullopt, std::nullopt, true};
  plan.broker_host = "broker.test";
  plan.broker_port = 1883;
  PlanGuard guard(plan);
  CHECK(connect_tcp(1883) == -1);
  CHECK(errno == ECONNREFUSED);
  fake_proxy.join();
  CHECK(request == std::vector<std::uint8_t>{5, 1, 0, 3, 11, 'b', 'r', 'o', 'k', 'e', 'r', '.', 't', 'e', 's',
                                             't', 0x07, 0x5B});
  CHECK(mq::net::last_socket_failure() == "proxy 127.0.0.1:" + std::to_string(proxy.port) +
                                              " refused: connection refused by destination (SOCKS reply 5)");
}

TEST_CASE("net::connect hook reports a proxy that is down") {
  std::uint16_t closed_port = 0;
  {
    Listener gone;
    closed_port = gone.port;
  }
  mq::net::SocketPlan plan;
  plan.proxy = mq::SocksProxy{"127.0.0.1", closed_port, std::nullopt, std::nullopt, true};
  plan.broker_host = "broker.test";
  plan.broker_port = 1883;
  PlanGuard guard(plan);
  CHECK(connect_tcp(1883) == -1);
  CHECK(errno == ECONNREFUSED);
  CHECK(mq::net::last_socket_failure() ==
        "proxy 127.0.0.1:" + std::to_string(closed_port) + " unreachable: connection refused");
}

TEST_CASE("net::connect hook binds -A and sets --nodelay on the broker connection only") {
  Listener broker;
  mq::net::SocketPlan plan;
  plan.broker_host = "127.0.0.1";
  plan.broker_port = broker.port;
  plan.nodelay = true;
  plan.bind_address = "127.0.0.2";
  PlanGuard guard(plan);
  addrinfo* found = nullptr;
  REQUIRE(::getaddrinfo("127.0.0.1", nullptr, nullptr, &found) ==
          0);  // as Paho does: teaches the hook the address
  ::freeaddrinfo(found);

  const int fd = connect_tcp(broker.port);
  REQUIRE(fd >= 0);
  sockaddr_in local{};
  socklen_t length = sizeof(local);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&local), &length);
  CHECK(ntohl(local.sin_addr.s_addr) == 0x7F000002u);
  int nodelay = 0;
  length = sizeof(nodelay);
  ::getsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &nodelay, &length);
  CHECK(nodelay == 1);
  ::close(fd);

  Listener other;
  const int untouched = connect_tcp(other.port);
  REQUIRE(untouched >= 0);
  length = sizeof(nodelay);
  ::getsockopt(untouched, IPPROTO_TCP, TCP_NODELAY, &nodelay, &length);
  CHECK(nodelay == 0);
  ::close(untouched);
}

TEST_CASE("net::connect hook reports an -A address it cannot bind") {
  Listener broker;
  mq::net::SocketPlan plan;
  plan.broker_host = "127.0.0.1";
  plan.broker_port = broker.port;
  plan.bind_address = "192.0.2.1";
  PlanGuard guard(plan);
  addrinfo* found = nullptr;
  REQUIRE(::getaddrinfo("127.0.0.1", nullptr, nullptr, &found) == 0);
  ::freeaddrinfo(found);
  CHECK(connect_tcp(broker.port) == -1);
  CHECK(errno == EADDRNOTAVAIL);
  CHECK(mq::net::last_socket_failure() == "cannot bind to -A 192.0.2.1: cannot assign requested address");
}

TEST_CASE("net::SSL_CTX_new hook pins --tls-version") {
  mq::net::SocketPlan plan;
  plan.tls_version = "tlsv1.2";
  {
    PlanGuard guard(plan);
    SSL_CTX* pinned = SSL_CTX_new(TLS_client_method());
    CHECK(SSL_CTX_get_min_proto_version(pinned) == TLS1_2_VERSION);
    CHECK(SSL_CTX_get_max_proto_version(pinned) == TLS1_2_VERSION);
    SSL_CTX_free(pinned);
  }
  SSL_CTX* free_choice = SSL_CTX_new(TLS_client_method());
  CHECK(SSL_CTX_get_max_proto_version(free_choice) == 0);
  SSL_CTX_free(free_choice);
}

TEST_CASE("net::install_socket_plan rejects an unknown TLS version") {
  mq::net::SocketPlan plan;
  plan.tls_version = "sslv3";
  CHECK_THROWS_WITH_AS(mq::net::install_socket_plan(plan), doctest::Contains("unknown TLS version 'sslv3'"),
                       mq::Error);
}

TEST_CASE("net::connect hook with fast_connect finishes a non-blocking connect before returning") {
  Listener broker;
  mq::net::SocketPlan plan;
  plan.broker_host = "127.0.0.1";
  plan.broker_port = broker.port;
  plan.fast_connect = true;
  PlanGuard guard(plan);
  addrinfo* found = nullptr;
  REQUIRE(::getaddrinfo("127.0.0.1", nullptr, nullptr, &found) == 0);
  ::freeaddrinfo(found);
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  const sockaddr_in address = loopback(broker.port);
  CHECK(::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) == 0);
  CHECK((::fcntl(fd, F_GETFL) & O_NONBLOCK) != 0);
  ::close(fd);
}
