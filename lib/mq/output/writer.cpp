#include "mq/output/writer.hpp"

#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace mq::output {

FlushPolicy flush_policy_for(int fd) {
  struct stat status {};
  if (::fstat(fd, &status) != 0) return FlushPolicy::per_message;
  if (S_ISREG(status.st_mode) || S_ISBLK(status.st_mode)) return FlushPolicy::buffered;
  // A character device that is not a terminal (/dev/null) has nobody waiting for each line.
  if (S_ISCHR(status.st_mode) && ::isatty(fd) == 0) return FlushPolicy::buffered;
  return FlushPolicy::per_message;
}

Writer::Writer(int fd) : Writer(fd, flush_policy_for(fd)) {}

Writer::Writer(int fd, FlushPolicy policy) : fd_(fd), policy_(policy) {
  buffer_.reserve(buffer_limit);
}

Writer::~Writer() {
  (void)flush();
}

tl::expected<void, WriteFailure> Writer::message_done() {
  if (policy_ == FlushPolicy::per_message || buffer_.size() >= buffer_limit) return flush();
  return {};
}

tl::expected<void, WriteFailure> Writer::flush() {
  if (failed_) {
    buffer_.clear();
    return tl::make_unexpected(failure_);
  }
  std::size_t written = 0;
  while (written < buffer_.size()) {
    const ssize_t result = ::write(fd_, buffer_.data() + written, buffer_.size() - written);
    if (result >= 0) {
      written += static_cast<std::size_t>(result);
      continue;
    }
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) {
      // stdout may be a non-blocking fd inherited from the parent; wait until it drains.
      pollfd ready{fd_, POLLOUT, 0};
      (void)::poll(&ready, 1, -1);
      continue;
    }
    failed_ = true;
    failure_.broken_pipe = errno == EPIPE;
    failure_.reason = std::strerror(errno);
    buffer_.clear();
    return tl::make_unexpected(failure_);
  }
  buffer_.clear();
  return {};
}

}  // namespace mq::output
