#include <doctest/doctest.h>

#include <chrono>
#include <thread>

#include "mqsub/message_queue.hpp"

using namespace std::chrono_literals;
using mq::mqsub::MessageQueue;

namespace {

mq::output::Message message(std::string payload) {
  mq::output::Message built;
  built.topic = "t";
  built.payload = std::move(payload);
  return built;
}

}  // namespace

TEST_CASE("mqsub::MessageQueue") {
  std::vector<mq::output::Message> batch;
  SUBCASE("hands out everything queued, in order") {
    MessageQueue queue(1 << 20, 100ms);
    queue.push(message("1"));
    queue.push(message("2"));
    REQUIRE(queue.take_all(batch, 10ms) == MessageQueue::Taken::messages);
    REQUIRE(batch.size() == 2);
    CHECK(batch[0].payload == "1");
    CHECK(batch[1].payload == "2");
    CHECK(queue.queued_bytes() == 0);
  }
  SUBCASE("nothing yet after the wait; closed once closed and empty") {
    MessageQueue queue(1 << 20, 100ms);
    CHECK(queue.take_all(batch, 10ms) == MessageQueue::Taken::nothing_yet);
    queue.push(message("last"));
    queue.close();
    REQUIRE(queue.take_all(batch, 10ms) == MessageQueue::Taken::messages);
    CHECK(batch.at(0).payload == "last");
    CHECK(queue.take_all(batch, 10ms) == MessageQueue::Taken::closed);
    queue.push(message("after close"));
    CHECK(queue.take_all(batch, 10ms) == MessageQueue::Taken::closed);
  }
  SUBCASE("a full queue holds the producer back for at most max_wait, then takes the message") {
    MessageQueue queue(1, 150ms);
    queue.push(message("fills it"));
    const auto started = std::chrono::steady_clock::now();
    queue.push(message("waits"));
    const auto waited = std::chrono::steady_clock::now() - started;
    CHECK(waited >= 140ms);
    CHECK(waited < 2s);
    REQUIRE(queue.take_all(batch, 10ms) == MessageQueue::Taken::messages);
    CHECK(batch.size() == 2);
  }
  SUBCASE("a full queue lets the producer go as soon as the consumer takes") {
    MessageQueue queue(1, 10s);
    queue.push(message("fills it"));
    std::thread consumer([&] {
      std::this_thread::sleep_for(50ms);
      std::vector<mq::output::Message> taken;
      (void)queue.take_all(taken, 10ms);
    });
    const auto started = std::chrono::steady_clock::now();
    queue.push(message("waits for room"));
    CHECK(std::chrono::steady_clock::now() - started < 5s);
    consumer.join();
  }
}
