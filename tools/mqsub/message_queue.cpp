#include "mqsub/message_queue.hpp"

namespace mq::mqsub {

void MessageQueue::push(output::Message&& message) {
  const std::size_t size = size_of(message);
  std::unique_lock lock(mutex_);
  if (closed_) return;
  if (queued_bytes_ + size > soft_limit_bytes_ && !queued_.empty()) {
    has_room_.wait_for(lock, max_wait_, [&] {
      return closed_ || queued_.empty() || queued_bytes_ + size <= soft_limit_bytes_;
    });
    if (closed_) return;
  }
  queued_.push_back(std::move(message));
  queued_bytes_ += size;
  // Only a sleeping consumer needs the (comparatively costly) wake-up; a busy one takes everything next time.
  if (consumer_waiting_) has_messages_.notify_one();
}

MessageQueue::Taken MessageQueue::take_all(std::vector<output::Message>& batch,
                                           std::chrono::milliseconds max_wait) {
  batch.clear();
  std::unique_lock lock(mutex_);
  consumer_waiting_ = true;
  has_messages_.wait_for(lock, max_wait, [&] { return closed_ || !queued_.empty(); });
  consumer_waiting_ = false;
  if (queued_.empty()) return closed_ ? Taken::closed : Taken::nothing_yet;
  batch.swap(queued_);
  queued_bytes_ = 0;
  has_room_.notify_all();
  return Taken::messages;
}

void MessageQueue::close() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }
  has_messages_.notify_all();
  has_room_.notify_all();
}

std::size_t MessageQueue::queued_bytes() const {
  std::lock_guard lock(mutex_);
  return queued_bytes_;
}

}  // namespace mq::mqsub
