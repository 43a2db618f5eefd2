#include "mqpub/line_reader.hpp"

#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "mq/core/error.hpp"
#include "mq/core/exit_status.hpp"

namespace mq::mqpub {

LineReader::Result LineReader::next(std::string& record, const std::function<bool()>& should_stop) {
  while (true) {
    const auto end = buffer_.find(separator_, start_);
    if (end != std::string::npos) {
      record.assign(buffer_, start_, end - start_);
      start_ = end + 1;
      return Result::record;
    }
    if (eof_) {
      if (start_ < buffer_.size()) {
        record.assign(buffer_, start_, std::string::npos);
        start_ = buffer_.size();
        return Result::record;
      }
      return Result::end_of_input;
    }
    if (start_ > 0) {
      buffer_.erase(0, start_);
      start_ = 0;
    }
    if (should_stop()) return Result::stopped;
    if (before_waiting_) before_waiting_();
    pollfd readable{fd_, POLLIN, 0};
    const int ready = ::poll(&readable, 1, 100);
    if (ready < 0 && errno != EINTR)
      throw Error(exit_status::io_error, "reading standard input", std::strerror(errno));
    if (ready <= 0) continue;
    const std::size_t old_size = buffer_.size();
    buffer_.resize(old_size + 65536);
    const ssize_t count = ::read(fd_, buffer_.data() + old_size, 65536);
    if (count < 0) {
      buffer_.resize(old_size);
      if (errno == EINTR || errno == EAGAIN) continue;
      throw Error(exit_status::io_error, "reading standard input", std::strerror(errno));
    }
    buffer_.resize(old_size + static_cast<std::size_t>(count));
    if (count == 0) eof_ = true;
  }
}

}  // namespace mq::mqpub
