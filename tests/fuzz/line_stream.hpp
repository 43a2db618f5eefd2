#pragma once
// Shared by the two line-reader targets. The input's first byte is the separator; the second, from 0xF0 up,
// puts a 300,000-byte record into the stream (after (byte - 0xF0) bytes of the rest, wrapped to its length)
// so that the readers' buffers have to grow and move; the rest is the stream. Only 1 input in 16 carries
// the long record, which is slow to copy. The stream is written whole into a pipe (sized to hold it) whose
// write end is then closed, as when stdin is a file.
#include <fcntl.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "fuzz_input.hpp"

namespace mq::fuzz {

struct LineStream {
  char separator = '\n';
  std::string bytes;
};

inline constexpr std::size_t long_record_size = 300'000;
inline constexpr unsigned long_record_flag = 0xF0;
inline constexpr std::size_t default_pipe_capacity = 65536;
inline constexpr int long_pipe_capacity = 1 << 20;

// False when the input is too short or too long to make a stream of.
inline bool make_line_stream(std::string_view input, LineStream& stream) {
  if (input.size() < 2 || input.size() > 64 * 1024) return false;
  stream.separator = input[0];
  const auto placement = static_cast<unsigned char>(input[1]);
  const std::string_view body = input.substr(2);
  stream.bytes.clear();
  if (placement < long_record_flag) {
    stream.bytes = body;
    return true;
  }
  const std::size_t at = (placement - long_record_flag) % (body.size() + 1);
  stream.bytes = body.substr(0, at);
  stream.bytes.append(long_record_size, stream.separator == 'x' ? 'y' : 'x');
  stream.bytes += body.substr(at);
  return true;
}

// The records a reader must return: the stream cut at each separator; a last record without separator
// counts, an empty stream has none.
inline std::vector<std::string_view> expected_records(const LineStream& stream) {
  std::vector<std::string_view> records;
  std::string_view rest = stream.bytes;
  while (!rest.empty()) {
    const auto end = rest.find(stream.separator);
    records.push_back(rest.substr(0, end));
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  return records;
}

// The read end of a pipe holding the whole stream, closed for writing; -1 when the pipe cannot hold it.
inline int pipe_holding(const std::string& bytes) {
  int ends[2];
  if (::pipe(ends) != 0) return -1;
  bool written = bytes.size() <= default_pipe_capacity ||
                 ::fcntl(ends[1], F_SETPIPE_SZ, long_pipe_capacity) >= long_pipe_capacity;
  std::size_t done = 0;
  while (written && done < bytes.size()) {
    const ssize_t count = ::write(ends[1], bytes.data() + done, bytes.size() - done);
    written = count > 0;
    if (written) done += static_cast<std::size_t>(count);
  }
  ::close(ends[1]);
  if (!written) {
    ::close(ends[0]);
    return -1;
  }
  return ends[0];
}

}  // namespace mq::fuzz
