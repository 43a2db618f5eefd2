#pragma once
// Reads records from a file descriptor as they arrive (a slow producer's line goes out at once), waking
// every 100 ms to notice a stop request. Binary-safe: a record is everything up to the separator.
#include <functional>
#include <string>
#include <string_view>

namespace mq::mqpub {

class LineReader {
 public:
  LineReader(int fd, char separator) : fd_(fd), separator_(separator) {}

  enum class Result { record, end_of_input, stopped };
  // Fills `record` (without the separator) and returns Result::record; a last record without separator
  // counts too. Throws mq::Error(io_error) when reading fails.
  Result next(std::string& record, const std::function<bool()>& should_stop);
  // Runs each time the reader is about to wait for more input: the publisher sends what it batched, so a
  // slow producer's lines still go out at once.
  void before_waiting(std::function<void()> hook) { before_waiting_ = std::move(hook); }

 private:
  int fd_;
  char separator_;
  std::string buffer_;
  std::size_t start_ = 0;
  bool eof_ = false;
  std::function<void()> before_waiting_;
};

}  // namespace mq::mqpub
