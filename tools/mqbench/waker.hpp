#pragma once
// Paho 1.3.12's receive thread sits in poll() on the sockets it already knows for up to a second (then
// may sleep 100 ms) before it looks at a newly added one, so each connect made while other clients are
// connected waits ~2 s for its CONNACK (measured: 5 sequential connects took 8.5 s). Traffic on a known
// socket ends that poll early. The waker is one extra connection subscribed to its own private topic
// that publishes a tiny QoS 0 message every millisecond while connects are in progress; each echo wakes
// the receive thread, which then picks up the new sockets.
#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "mq/paho/client.hpp"
#include "mqbench/scenarios.hpp"

namespace mq::mqbench {

class Waker {
 public:
  // Best effort: if the waker cannot connect, connects still work, only slower.
  explicit Waker(const RunContext& context);
  ~Waker();
  Waker(const Waker&) = delete;
  Waker& operator=(const Waker&) = delete;

 private:
  std::unique_ptr<paho::Client> client_;
  std::string topic_;
  std::atomic<bool> running_{false};
  std::thread nudger_;
};

}  // namespace mq::mqbench
