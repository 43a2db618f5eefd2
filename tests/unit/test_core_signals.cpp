// SignalWatcher: a SIGTERM sent to the process reaches the installed handler on the watcher thread, and a
// released Registration leaves nothing behind for a late signal to call into.
#include <doctest/doctest.h>

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "mq/core/signals.hpp"

namespace {

// One watcher for the whole test binary: two would race in sigwait for the same process-directed signal.
mq::SignalWatcher& shared_watcher() {
  static mq::SignalWatcher watcher;  // blocks SIGINT/SIGTERM in this thread before its thread starts
  return watcher;
}

// Waits up to two seconds for the watcher to record `wanted` as the last signal received.
bool wait_for_signal(const mq::SignalWatcher& watcher, int wanted) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
  while (std::chrono::steady_clock::now() < deadline) {
    if (watcher.received_signal() == wanted) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return false;
}

}  // namespace

TEST_CASE("a signal reaches the handler while its registration lives, and nothing after") {
  mq::SignalWatcher& watcher = shared_watcher();
  std::mutex mutex;
  std::condition_variable called;
  int calls = 0;
  {
    const auto registration = watcher.on_signal([&](int) {
      std::lock_guard lock(mutex);
      ++calls;
      called.notify_all();
    });
    REQUIRE(::kill(::getpid(), SIGTERM) == 0);
    std::unique_lock lock(mutex);
    CHECK(called.wait_for(lock, std::chrono::seconds(2), [&] { return calls == 1; }));
  }
  CHECK(watcher.interrupted());

  // Released: the watcher still records the signal, but the handler (and what it captured) is not called.
  REQUIRE(::kill(::getpid(), SIGINT) == 0);
  CHECK(wait_for_signal(watcher, SIGINT));
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  std::lock_guard lock(mutex);
  CHECK(calls == 1);
}

TEST_CASE("releasing an older registration keeps the handler installed after it") {
  mq::SignalWatcher& watcher = shared_watcher();
  std::atomic<int> newer_calls{0};
  auto older = watcher.on_signal([](int) {});
  const auto newer = watcher.on_signal([&](int) { ++newer_calls; });
  older = mq::SignalWatcher::Registration{};  // releases the older one
  REQUIRE(::kill(::getpid(), SIGTERM) == 0);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
  while (newer_calls.load() == 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  CHECK(newer_calls.load() >= 1);
}
