#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "mqbench/payload_header.hpp"
#include "mqbench/receiver.hpp"

using namespace mq::mqbench;

namespace {

mq::output::Message message_from(std::uint32_t publisher, std::uint64_t sequence, std::int64_t intended_ns,
                                 std::int64_t sent_ns, std::int64_t arrived_ns, bool warmup = false) {
  PayloadHeader header{publisher, sequence, intended_ns, sent_ns, warmup};
  mq::output::Message message;
  message.payload.assign(40, '.');
  encode_header(header, message.payload);
  message.received_at = std::chrono::system_clock::time_point(
      std::chrono::duration_cast<std::chrono::system_clock::duration>(std::chrono::nanoseconds(arrived_ns)));
  return message;
}

}  // namespace

TEST_CASE("mqbench::Receiver: latency from the intended time, service latency from the actual one") {
  Receiver receiver(1);
  // Intended at 1,000,000 ns but sent 400 us late; arrived 100 us after sending.
  receiver.take(0, message_from(1, 0, 1'000'000, 1'400'000, 1'500'000));
  CHECK(receiver.end_to_end().max() == 500'000);
  CHECK(receiver.service().max() == 100'000);
}

TEST_CASE("mqbench::Receiver: each message counted once; duplicates, warm-up and foreign apart") {
  Receiver receiver(2);
  receiver.take(0, message_from(1, 0, 0, 0, 1000));
  receiver.take(0, message_from(1, 0, 0, 0, 2000));  // duplicate
  receiver.take(0, message_from(1, 2, 0, 0, 3000));
  receiver.take(0, message_from(1, 1, 0, 0, 4000));        // reordered
  receiver.take(1, message_from(1, 0, 0, 0, 5000));        // the second subscriber's own copy
  receiver.take(1, message_from(1, 1, 0, 0, 6000, true));  // warm-up: counted, not measured
  mq::output::Message foreign;
  foreign.payload = "hello";
  receiver.take(0, foreign);
  const auto counts = receiver.snapshot();
  CHECK(counts.received == 6);
  CHECK(counts.unique == 5);
  CHECK(counts.duplicates == 1);
  CHECK(counts.reordered == 1);
  CHECK(counts.foreign == 1);
  CHECK(receiver.end_to_end().count() == 4);
  CHECK(receiver.trackers()[1].publishers().at(1).unique == 2);
}
