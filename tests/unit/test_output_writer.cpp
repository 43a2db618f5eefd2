#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <string>

#include "mq/output/writer.hpp"

namespace {

using mq::output::FlushPolicy;
using mq::output::Writer;

struct Pipe {
  int read_end = -1;
  int write_end = -1;
  Pipe() {
    int ends[2];
    REQUIRE(::pipe2(ends, O_CLOEXEC) == 0);
    read_end = ends[0];
    write_end = ends[1];
  }
  ~Pipe() {
    if (read_end >= 0) ::close(read_end);
    if (write_end >= 0) ::close(write_end);
  }
  Pipe(const Pipe&) = delete;
  Pipe& operator=(const Pipe&) = delete;

  // What is in the pipe right now, without blocking.
  std::string available() const {
    const int flags = ::fcntl(read_end, F_GETFL);
    ::fcntl(read_end, F_SETFL, flags | O_NONBLOCK);
    std::string text;
    char chunk[4096];
    ssize_t got = 0;
    while ((got = ::read(read_end, chunk, sizeof chunk)) > 0)
      text.append(chunk, static_cast<std::size_t>(got));
    ::fcntl(read_end, F_SETFL, flags);
    return text;
  }
};

struct TempFile {
  std::string path;
  int fd = -1;
  TempFile() {
    char pattern[] = "/tmp/mq-writer-test-XXXXXX";
    fd = ::mkstemp(pattern);
    REQUIRE(fd >= 0);
    path = pattern;
  }
  ~TempFile() {
    ::close(fd);
    ::unlink(path.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  off_t size() const { return ::lseek(fd, 0, SEEK_END); }
};

// Paho ignores SIGPIPE for the whole process; the tests do the same so writes see EPIPE.
struct IgnoreSigpipe {
  using Handler = void (*)(int);
  Handler previous;
  IgnoreSigpipe() : previous(std::signal(SIGPIPE, SIG_IGN)) {}
  ~IgnoreSigpipe() { std::signal(SIGPIPE, previous); }
  IgnoreSigpipe(const IgnoreSigpipe&) = delete;
  IgnoreSigpipe& operator=(const IgnoreSigpipe&) = delete;
};

}  // namespace

TEST_CASE("output::flush_policy_for picks per-message for pipes and buffering for files") {
  const Pipe pipe;
  CHECK(mq::output::flush_policy_for(pipe.write_end) == FlushPolicy::per_message);
  const TempFile file;
  CHECK(mq::output::flush_policy_for(file.fd) == FlushPolicy::buffered);
  const int null_device = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
  REQUIRE(null_device >= 0);
  CHECK(mq::output::flush_policy_for(null_device) == FlushPolicy::buffered);
  ::close(null_device);
  CHECK(mq::output::flush_policy_for(-1) == FlushPolicy::per_message);
}

TEST_CASE("output::Writer on a pipe delivers each message as soon as it is done") {
  const Pipe pipe;
  Writer writer(pipe.write_end);
  REQUIRE(writer.policy() == FlushPolicy::per_message);
  writer.append("first ");
  CHECK(pipe.available().empty());
  writer.buffer() += "message\n";
  CHECK(writer.message_done().has_value());
  CHECK(pipe.available() == "first message\n");
  writer.append("second\n");
  CHECK(writer.message_done().has_value());
  CHECK(pipe.available() == "second\n");
}

TEST_CASE("output::Writer on a regular file buffers up to 64 KiB and flushes on demand") {
  const TempFile file;
  {
    Writer writer(file.fd);
    REQUIRE(writer.policy() == FlushPolicy::buffered);
    const std::string line(1000, 'x');
    for (int count = 0; count < 65; ++count) {
      writer.append(line);
      REQUIRE(writer.message_done().has_value());
    }
    CHECK(file.size() == 0);  // 65,000 bytes: still under the limit
    writer.append(std::string(600, 'y'));
    REQUIRE(writer.message_done().has_value());
    CHECK(file.size() == 65600);  // reached 64 KiB: written in one go
    writer.append("tail");
    REQUIRE(writer.message_done().has_value());
    CHECK(file.size() == 65600);
    CHECK(writer.flush().has_value());
    CHECK(file.size() == 65604);
    writer.append("left for the destructor");
  }
  CHECK(file.size() == 65627);
}

TEST_CASE("output::Writer writes messages bigger than the pipe buffer completely") {
  const Pipe pipe;
  const std::string big(300000, 'z');
  std::string received;
  // The pipe holds 64 KiB, so a reader must drain it while the writer is blocked in write().
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    Writer writer(pipe.write_end);
    writer.append(big);
    std::_Exit(writer.message_done().has_value() ? 0 : 1);
  }
  ::close(pipe.write_end);
  const_cast<Pipe&>(pipe).write_end = -1;
  char chunk[65536];
  ssize_t got = 0;
  while ((got = ::read(pipe.read_end, chunk, sizeof chunk)) > 0)
    received.append(chunk, static_cast<std::size_t>(got));
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(received == big);
}

TEST_CASE("output::Writer reports a closed pipe as broken_pipe, and keeps reporting it") {
  const IgnoreSigpipe ignore;
  Pipe pipe;
  ::close(pipe.read_end);
  pipe.read_end = -1;
  Writer writer(pipe.write_end);
  writer.append("nobody reads this\n");
  const auto first = writer.message_done();
  REQUIRE_FALSE(first.has_value());
  CHECK(first.error().broken_pipe);
  CHECK(first.error().reason == "Broken pipe");
  writer.append("more\n");
  const auto second = writer.message_done();
  REQUIRE_FALSE(second.has_value());
  CHECK(second.error().broken_pipe);
  CHECK(writer.buffer().empty());
}

TEST_CASE("output::Writer reports other write errors with their reason") {
  const int full = ::open("/dev/full", O_WRONLY | O_CLOEXEC);
  if (full < 0) return;  // no /dev/full in this sandbox
  {
    Writer writer(full, FlushPolicy::per_message);
    writer.append("no space\n");
    const auto result = writer.message_done();
    REQUIRE_FALSE(result.has_value());
    CHECK_FALSE(result.error().broken_pipe);
    CHECK(result.error().reason == "No space left on device");
  }
  ::close(full);
}

TEST_CASE("output::Writer waits out a non-blocking descriptor that is full") {
  const Pipe pipe;
  REQUIRE(::fcntl(pipe.write_end, F_SETFL, O_NONBLOCK) == 0);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    Writer writer(pipe.write_end);
    writer.append(std::string(200000, 'n'));
    std::_Exit(writer.message_done().has_value() ? 0 : 1);
  }
  ::usleep(50000);  // let the child fill the pipe and hit EAGAIN
  std::size_t total = 0;
  char chunk[65536];
  ssize_t got = 0;
  int status = 0;
  while (total < 200000 && (got = ::read(pipe.read_end, chunk, sizeof chunk)) > 0) {
    total += static_cast<std::size_t>(got);
  }
  REQUIRE(::waitpid(child, &status, 0) == child);
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(total == 200000);
}
