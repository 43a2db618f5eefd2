#pragma once
// The live status line: once a second on a terminal (stderr only, so stdout and --json stay clean), the
// line `render` returns, redrawn in place; nothing at all when stderr is not a terminal.
#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace mq::mqbench {

class StatusLine {
 public:
  // `render` gets the seconds since the line started and runs on the status thread.
  explicit StatusLine(std::function<std::string(double elapsed_seconds)> render);
  ~StatusLine();  // stops the thread and clears the line
  StatusLine(const StatusLine&) = delete;
  StatusLine& operator=(const StatusLine&) = delete;

 private:
  std::mutex mutex_;
  std::condition_variable stop_signal_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace mq::mqbench
