#pragma once
// Once a second during a run: the Ticker calls back on its own thread, and what it gathers goes to the live
// status line (stderr, only on a terminal, so stdout and --json stay clean) and to --csv rows.
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace mq::mqbench {

class Ticker {
 public:
  // `tick` gets the seconds since the ticker started; it runs on the ticker's thread, once a second.
  explicit Ticker(std::function<void(double elapsed_seconds)> tick);
  ~Ticker();  // stops the thread (no further tick)
  Ticker(const Ticker&) = delete;
  Ticker& operator=(const Ticker&) = delete;

 private:
  std::mutex mutex_;
  std::condition_variable stop_signal_;
  bool stopping_ = false;
  std::thread thread_;
};

// The line redrawn in place on a terminal; draw() does nothing when stderr is not one.
class StatusLine {
 public:
  StatusLine();
  ~StatusLine();  // clears the line
  StatusLine(const StatusLine&) = delete;
  StatusLine& operator=(const StatusLine&) = delete;

  void draw(const std::string& line);

 private:
  bool on_terminal_ = false;
  bool drawn_ = false;
};

}  // namespace mq::mqbench
