#include "mqjson/line_reader.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace mq::mqjson {

namespace {
constexpr std::size_t initial_buffer = 256 * 1024;
}

LineReader::LineReader(int fd, char separator)
    : fd_(fd), separator_(separator), buffer_(initial_buffer, '\0') {}

tl::expected<std::optional<std::string_view>, std::string> LineReader::next() {
  for (;;) {
    const char* start = buffer_.data() + begin_ + scanned_;
    const auto* found = static_cast<const char*>(std::memchr(start, separator_, end_ - begin_ - scanned_));
    if (found != nullptr) {
      const std::string_view record(buffer_.data() + begin_,
                                    static_cast<std::size_t>(found - (buffer_.data() + begin_)));
      begin_ += record.size() + 1;
      scanned_ = 0;
      return record;
    }
    scanned_ = end_ - begin_;
    if (eof_) {
      if (begin_ == end_) return std::optional<std::string_view>();
      const std::string_view record(buffer_.data() + begin_, end_ - begin_);
      begin_ = end_;
      scanned_ = 0;
      return record;
    }
    // Make room: move the partial record to the front, and grow when it fills the buffer.
    if (begin_ > 0) {
      std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
      end_ -= begin_;
      begin_ = 0;
    }
    if (end_ == buffer_.size()) buffer_.resize(buffer_.size() * 2);
    const ssize_t got = ::read(fd_, buffer_.data() + end_, buffer_.size() - end_);
    if (got < 0) {
      if (errno == EINTR) continue;
      return tl::unexpected(std::string(std::strerror(errno)));
    }
    if (got == 0) eof_ = true;
    end_ += static_cast<std::size_t>(got);
  }
}

}  // namespace mq::mqjson
