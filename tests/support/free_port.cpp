// free_port N: prints N distinct free TCP ports on 127.0.0.1, one per line.
// Each port comes from binding port 0; every socket stays open until all N are chosen, so the kernel
// cannot hand out the same port twice. The ports are free again once we exit (the caller may still lose
// one to another process before it binds: the fixture retries for that).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <string_view>
#include <vector>

namespace {

constexpr int max_ports = 64;

class OpenSocket {
 public:
  explicit OpenSocket(int descriptor) : descriptor_(descriptor) {}
  OpenSocket(const OpenSocket&) = delete;
  OpenSocket& operator=(const OpenSocket&) = delete;
  OpenSocket(OpenSocket&& other) noexcept : descriptor_(other.descriptor_) { other.descriptor_ = -1; }
  OpenSocket& operator=(OpenSocket&&) = delete;
  ~OpenSocket() {
    if (descriptor_ >= 0) {
      close(descriptor_);
    }
  }
  [[nodiscard]] int get() const { return descriptor_; }

 private:
  int descriptor_;
};

// Returns the bound port, or 0 with errno set.
unsigned bind_any_port(const OpenSocket& socket_holder) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = 0;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(socket_holder.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    return 0;
  }
  socklen_t length = sizeof address;
  if (getsockname(socket_holder.get(), reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    return 0;
  }
  return ntohs(address.sin_port);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: free_port N\n");
    return 1;
  }
  const std::string_view count_text{argv[1]};
  int count = 0;
  const auto [end, error] = std::from_chars(count_text.data(), count_text.data() + count_text.size(), count);
  if (error != std::errc{} || end != count_text.data() + count_text.size() || count < 1 ||
      count > max_ports) {
    std::fprintf(stderr, "free_port: N must be a number from 1 to %d, not '%s'\n", max_ports, argv[1]);
    return 1;
  }

  std::vector<OpenSocket> sockets;
  std::vector<unsigned> ports;
  for (int i = 0; i < count; ++i) {
    sockets.emplace_back(socket(AF_INET, SOCK_STREAM, 0));
    if (sockets.back().get() < 0) {
      std::fprintf(stderr, "free_port: socket: %s\n", std::strerror(errno));
      return 1;
    }
    const unsigned port = bind_any_port(sockets.back());
    if (port == 0) {
      std::fprintf(stderr, "free_port: bind 127.0.0.1:0: %s\n", std::strerror(errno));
      return 1;
    }
    ports.push_back(port);
  }
  for (const unsigned port : ports) {
    std::printf("%u\n", port);
  }
  return 0;
}
