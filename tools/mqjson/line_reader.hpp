#pragma once
// Records from a file descriptor without a copy per record: read() into one growing buffer and hand out
// views up to each separator. A view stays valid until the next call.
#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>

namespace mq::mqjson {

class LineReader {
 public:
  LineReader(int fd, char separator);

  // The next record without its separator (a last record without one counts too); nullopt at the end;
  // the strerror text when read() fails.
  tl::expected<std::optional<std::string_view>, std::string> next();

 private:
  int fd_;
  char separator_;
  std::string buffer_;
  std::size_t begin_ = 0;    // start of unread data
  std::size_t end_ = 0;      // end of data read so far
  std::size_t scanned_ = 0;  // bytes from begin_ already known to hold no separator
  bool eof_ = false;
};

}  // namespace mq::mqjson
