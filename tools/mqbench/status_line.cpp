#include "mqbench/status_line.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>

namespace mq::mqbench {

StatusLine::StatusLine(std::function<std::string(double)> render) {
  if (isatty(STDERR_FILENO) == 0) return;
  thread_ = std::thread([this, render = std::move(render)] {
    const auto start = std::chrono::steady_clock::now();
    std::unique_lock lock(mutex_);
    while (!stop_signal_.wait_for(lock, std::chrono::seconds(1), [this] { return stopping_; })) {
      const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      fmt::print(stderr, "\r\033[K{}", render(elapsed));
      std::fflush(stderr);
    }
    fmt::print(stderr, "\r\033[K");
    std::fflush(stderr);
  });
}

StatusLine::~StatusLine() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  stop_signal_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace mq::mqbench
