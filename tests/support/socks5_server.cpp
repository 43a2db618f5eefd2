// A small SOCKS5 proxy for the integration tests (RFC 1928 CONNECT, RFC 1929 user/password).
//
//   socks5_server [--user NAME --password SECRET]
//
// Listens on 127.0.0.1 on a free port and prints that port as the first line of stdout. Logs every request
// to stderr ("CONNECT broker.test:1883") so a test can prove its traffic went through the proxy. It only
// ever connects inside 127.0.0.0/8 (or to ::1): the name "broker.test" (and "localhost") stand for
// 127.0.0.1, numeric loopback names are taken as they are, and everything else is refused with reply 2.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace {

struct Credentials {
  std::string user;
  std::string password;
};

bool read_exactly(int fd, void* buffer, std::size_t size) {
  auto* bytes = static_cast<std::uint8_t*>(buffer);
  while (size > 0) {
    const ssize_t got = ::recv(fd, bytes, size, 0);
    if (got <= 0) return false;
    bytes += got;
    size -= static_cast<std::size_t>(got);
  }
  return true;
}

bool write_all(int fd, const void* buffer, std::size_t size) {
  const auto* bytes = static_cast<const std::uint8_t*>(buffer);
  while (size > 0) {
    const ssize_t sent = ::send(fd, bytes, size, MSG_NOSIGNAL);
    if (sent <= 0) return false;
    bytes += sent;
    size -= static_cast<std::size_t>(sent);
  }
  return true;
}

void log_line(const std::string& line) {
  // One write per line so lines from concurrent connections do not interleave.
  const std::string text = line + "\n";
  [[maybe_unused]] const ssize_t written = ::write(STDERR_FILENO, text.data(), text.size());
}

bool send_reply(int fd, std::uint8_t code) {
  const std::array<std::uint8_t, 10> reply{5, code, 0, 1, 127, 0, 0, 1, 0, 0};
  return write_all(fd, reply.data(), reply.size());
}

bool authenticate(int client, const std::optional<Credentials>& required) {
  std::array<std::uint8_t, 2> head{};
  if (!read_exactly(client, head.data(), head.size()) || head[0] != 5) return false;
  std::vector<std::uint8_t> methods(head[1]);
  if (!read_exactly(client, methods.data(), methods.size())) return false;
  const std::uint8_t wanted = required ? 2 : 0;
  bool offered = false;
  for (const std::uint8_t method : methods) offered = offered || method == wanted;
  const std::array<std::uint8_t, 2> choice{5, offered ? wanted : std::uint8_t{0xFF}};
  if (!write_all(client, choice.data(), choice.size()) || !offered) return false;
  if (!required) return true;

  std::uint8_t version = 0;
  std::uint8_t length = 0;
  if (!read_exactly(client, &version, 1) || !read_exactly(client, &length, 1)) return false;
  std::string user(length, '\0');
  if (!read_exactly(client, user.data(), user.size()) || !read_exactly(client, &length, 1)) return false;
  std::string password(length, '\0');
  if (!read_exactly(client, password.data(), password.size())) return false;
  const bool accepted = version == 1 && user == required->user && password == required->password;
  log_line(accepted ? "AUTH ok " + user : "AUTH rejected " + user);
  const std::array<std::uint8_t, 2> status{1, accepted ? std::uint8_t{0} : std::uint8_t{1}};
  return write_all(client, status.data(), status.size()) && accepted;
}

// The destination as a loopback socket address, or nothing when it lies outside what tests may reach.
std::optional<sockaddr_storage> loopback_destination(std::uint8_t address_type, const std::string& host,
                                                     std::uint16_t port) {
  sockaddr_storage storage{};
  auto* ipv4 = reinterpret_cast<sockaddr_in*>(&storage);
  auto* ipv6 = reinterpret_cast<sockaddr_in6*>(&storage);
  std::string numeric = host;
  if (address_type == 3 && (host == "broker.test" || host == "localhost")) numeric = "127.0.0.1";
  if (::inet_pton(AF_INET, numeric.c_str(), &ipv4->sin_addr) == 1) {
    if ((ntohl(ipv4->sin_addr.s_addr) >> 24) != 127) return std::nullopt;
    ipv4->sin_family = AF_INET;
    ipv4->sin_port = htons(port);
    return storage;
  }
  if (::inet_pton(AF_INET6, numeric.c_str(), &ipv6->sin6_addr) == 1) {
    if (!IN6_IS_ADDR_LOOPBACK(&ipv6->sin6_addr)) return std::nullopt;
    ipv6->sin6_family = AF_INET6;
    ipv6->sin6_port = htons(port);
    return storage;
  }
  return std::nullopt;
}

// Reads a CONNECT request and connects; returns the upstream socket or -1 after replying with the failure.
int open_upstream(int client) {
  std::array<std::uint8_t, 4> head{};
  if (!read_exactly(client, head.data(), head.size()) || head[0] != 5) return -1;
  std::string host;
  if (head[3] == 1 || head[3] == 4) {
    std::array<std::uint8_t, 16> raw{};
    const std::size_t size = head[3] == 1 ? 4 : 16;
    if (!read_exactly(client, raw.data(), size)) return -1;
    std::array<char, INET6_ADDRSTRLEN> text{};
    ::inet_ntop(head[3] == 1 ? AF_INET : AF_INET6, raw.data(), text.data(), text.size());
    host = text.data();
  } else if (head[3] == 3) {
    std::uint8_t length = 0;
    if (!read_exactly(client, &length, 1)) return -1;
    host.resize(length);
    if (!read_exactly(client, host.data(), host.size())) return -1;
  } else {
    send_reply(client, 8);
    return -1;
  }
  std::array<std::uint8_t, 2> port_bytes{};
  if (!read_exactly(client, port_bytes.data(), port_bytes.size())) return -1;
  const auto port = static_cast<std::uint16_t>((port_bytes[0] << 8) | port_bytes[1]);
  const std::string request = "CONNECT " + host + ":" + std::to_string(port);
  log_line(request);
  if (head[1] != 1) {
    log_line("REFUSED " + request + " (reply 7)");
    send_reply(client, 7);
    return -1;
  }
  const auto destination = loopback_destination(head[3], host, port);
  if (!destination) {
    log_line("REFUSED " + request + " (reply 2)");
    send_reply(client, 2);
    return -1;
  }
  const int upstream = ::socket(destination->ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  const socklen_t length = destination->ss_family == AF_INET ? sizeof(sockaddr_in) : sizeof(sockaddr_in6);
  if (upstream < 0 || ::connect(upstream, reinterpret_cast<const sockaddr*>(&*destination), length) != 0) {
    if (upstream >= 0) ::close(upstream);
    log_line("REFUSED " + request + " (reply 5)");
    send_reply(client, 5);
    return -1;
  }
  send_reply(client, 0);
  return upstream;
}

void relay(int client, int upstream) {
  std::array<pollfd, 2> ends{pollfd{client, POLLIN, 0}, pollfd{upstream, POLLIN, 0}};
  std::array<char, 16384> buffer{};
  for (;;) {
    if (::poll(ends.data(), ends.size(), -1) < 0) return;
    for (std::size_t i = 0; i < ends.size(); ++i) {
      if ((ends[i].revents & (POLLIN | POLLHUP | POLLERR)) == 0) continue;
      const ssize_t got = ::recv(ends[i].fd, buffer.data(), buffer.size(), 0);
      if (got <= 0 || !write_all(ends[1 - i].fd, buffer.data(), static_cast<std::size_t>(got))) return;
    }
  }
}

void serve(int client, std::optional<Credentials> required) {
  if (authenticate(client, required)) {
    const int upstream = open_upstream(client);
    if (upstream >= 0) {
      relay(client, upstream);
      ::close(upstream);
    }
  }
  ::close(client);
}

}  // namespace

int main(int argc, char** argv) {
  std::optional<Credentials> required;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (!required) required = Credentials{};
    if (flag == "--user")
      required->user = argv[i + 1];
    else if (flag == "--password")
      required->password = argv[i + 1];
    else {
      std::fprintf(stderr, "usage: socks5_server [--user NAME --password SECRET]\n");
      return 2;
    }
  }
  const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  const int reuse = 1;
  ::setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &reuse, sizeof(reuse));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  if (::bind(listener, reinterpret_cast<sockaddr*>(&address), length) != 0 || ::listen(listener, 64) != 0 ||
      ::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    std::perror("socks5_server: listen");
    return 1;
  }
  std::printf("%u\n", static_cast<unsigned>(ntohs(address.sin_port)));
  std::fflush(stdout);
  for (;;) {
    const int client = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) continue;
    std::thread(serve, client, required).detach();
  }
}
