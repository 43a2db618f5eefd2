#pragma once
// The one buffered writer for a tool's standard output. Callers append a message's text to buffer() and then
// call message_done(); the writer decides when bytes reach the file descriptor:
//   - per message when the fd is a pipe, a terminal or a socket (and anything unknown), so `mqsub | head -n
//   1`
//     and `tail`-like consumers see every message at once;
//   - in 64 KiB blocks when it is a regular file, a block device or /dev/null-like character device, for
//   speed.
// Not thread-safe: use it from the thread that delivers messages.
#include <cstddef>
#include <string>
#include <string_view>
#include <tl/expected.hpp>

namespace mq::output {

enum class FlushPolicy {
  per_message,
  buffered,
};

// The policy above for `fd` (fstat; isatty for character devices).
FlushPolicy flush_policy_for(int fd);

struct WriteFailure {
  // The reader went away (EPIPE: Paho ignores SIGPIPE process-wide, so writes fail instead of killing us).
  // The caller should stop quietly and exit 0, as `mqsub | head -n 1` users expect.
  bool broken_pipe = false;
  std::string reason;  // strerror text, e.g. "No space left on device"
};

class Writer {
 public:
  static constexpr std::size_t buffer_limit = 64 * 1024;

  explicit Writer(int fd);
  Writer(int fd, FlushPolicy policy);
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;
  // Best effort: writes what is still buffered and ignores errors (call flush() to see them).
  ~Writer();

  std::string& buffer() { return buffer_; }
  void append(std::string_view text) { buffer_.append(text); }

  // Marks the end of one message: flushes under the per-message policy or when the buffer is full.
  tl::expected<void, WriteFailure> message_done();
  // Writes everything buffered, retrying partial writes and EINTR and waiting out EAGAIN.
  tl::expected<void, WriteFailure> flush();

  FlushPolicy policy() const { return policy_; }

 private:
  int fd_;
  FlushPolicy policy_;
  std::string buffer_;
  // After a failure nothing more is written; every later call reports the same failure.
  bool failed_ = false;
  WriteFailure failure_;
};

}  // namespace mq::output
