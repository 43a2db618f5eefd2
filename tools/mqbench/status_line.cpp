#include "mqbench/status_line.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>

namespace mq::mqbench {

Ticker::Ticker(std::function<void(double)> tick) {
  thread_ = std::thread([this, tick = std::move(tick)] {
    const auto start = std::chrono::steady_clock::now();
    auto next = start;
    std::unique_lock lock(mutex_);
    while (true) {
      next += std::chrono::seconds(1);  // steady beats: a slow tick does not shift the ones after it
      if (stop_signal_.wait_until(lock, next, [this] { return stopping_; })) break;
      lock.unlock();
      tick(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
      lock.lock();
    }
  });
}

Ticker::~Ticker() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  stop_signal_.notify_all();
  if (thread_.joinable()) thread_.join();
}

StatusLine::StatusLine() : on_terminal_(isatty(STDERR_FILENO) != 0) {}

StatusLine::~StatusLine() {
  if (!drawn_) return;
  fmt::print(stderr, "\r\033[K");
  std::fflush(stderr);
}

void StatusLine::draw(const std::string& line) {
  if (!on_terminal_) return;
  fmt::print(stderr, "\r\033[K{}", line);
  std::fflush(stderr);
  drawn_ = true;
}

}  // namespace mq::mqbench
