#pragma once
// The hand-off between Paho's receive thread (which must not block: it also runs keepalive for the
// connection) and mqsub's one writer thread (which may block on a slow stdout).
//
// Backpressure, our choice: the queue holds up to `soft_limit_bytes` of topics and payloads. When it is
// full, push() waits for room for at most `max_wait` per message and then queues the message anyway. So a
// stalled reader (`mqsub | less` left alone) slows Paho's thread to one message per `max_wait` -- TCP then
// pushes back on the broker, which queues or drops by its own limits -- while Paho's thread still gets to
// answer pings between messages, and memory stays bounded by the limit plus what trickles in. Nothing
// received is ever dropped by mqsub itself.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <vector>

#include "mq/output/message.hpp"

namespace mq::mqsub {

class MessageQueue {
 public:
  MessageQueue(std::size_t soft_limit_bytes, std::chrono::milliseconds max_wait)
      : soft_limit_bytes_(soft_limit_bytes), max_wait_(max_wait) {}

  // Producer side (Paho's thread). Messages pushed after close() are discarded.
  void push(output::Message&& message);

  enum class Taken { messages, nothing_yet, closed };
  // Consumer side: waits up to `max_wait` for messages, then moves every queued one into `batch` (cleared
  // first). `closed` once the queue is closed and empty.
  Taken take_all(std::vector<output::Message>& batch, std::chrono::milliseconds max_wait);

  // Wakes the consumer; take_all() still hands out what was queued before.
  void close();

  std::size_t queued_bytes() const;

 private:
  static std::size_t size_of(const output::Message& message) {
    return message.topic.size() + message.payload.size() + sizeof(output::Message);
  }

  const std::size_t soft_limit_bytes_;
  const std::chrono::milliseconds max_wait_;
  mutable std::mutex mutex_;
  std::condition_variable has_messages_;
  std::condition_variable has_room_;
  std::vector<output::Message> queued_;
  std::size_t queued_bytes_ = 0;
  bool consumer_waiting_ = false;
  bool closed_ = false;
};

}  // namespace mq::mqsub
