#include "mqbench/worker_link.hpp"

#include <poll.h>
#include <unistd.h>

#include <cerrno>

namespace mq::mqbench {

std::vector<nlohmann::json> take_messages(std::string& buffer) {
  std::vector<nlohmann::json> messages;
  std::size_t start = 0;
  for (std::size_t end = buffer.find('\n'); end != std::string::npos; end = buffer.find('\n', start)) {
    auto parsed = nlohmann::json::parse(buffer.begin() + static_cast<std::ptrdiff_t>(start),
                                        buffer.begin() + static_cast<std::ptrdiff_t>(end), nullptr, false);
    if (parsed.is_object()) messages.push_back(std::move(parsed));
    start = end + 1;
  }
  buffer.erase(0, start);
  return messages;
}

void WorkerLink::send(const nlohmann::json& message) {
  const std::string line = message.dump() + "\n";
  std::lock_guard lock(send_mutex_);
  std::size_t written = 0;
  while (written < line.size()) {
    const ssize_t n = ::write(to_parent_, line.data() + written, line.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    written += static_cast<std::size_t>(n);
  }
}

std::optional<nlohmann::json> WorkerLink::wait_for(const std::string& type, const StopFlag& stop) {
  while (!stop.stopped()) {
    for (auto& message : take_messages(received_))
      if (message.value("type", "") == type) return message;
    pollfd watched{from_parent_, POLLIN, 0};
    const int ready = ::poll(&watched, 1, 100);
    if (ready < 0 && errno != EINTR) return std::nullopt;
    if (ready <= 0) continue;
    char chunk[4096];
    const ssize_t n = ::read(from_parent_, chunk, sizeof chunk);
    if (n == 0) return std::nullopt;
    if (n > 0) received_.append(chunk, static_cast<std::size_t>(n));
  }
  return std::nullopt;
}

}  // namespace mq::mqbench
