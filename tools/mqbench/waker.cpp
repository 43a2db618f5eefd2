#include "mqbench/waker.hpp"

#include <fmt/format.h>

#include <chrono>

#include "mq/core/error.hpp"
#include "mqbench/client_factory.hpp"
#include "mqbench/subscribe.hpp"

namespace mq::mqbench {

Waker::Waker(const RunContext& context) {
  try {
    // Named by the process's first publisher and first subscriber: unique over the workers and --shard
    // copies of a run, also where a worker holds no publisher (sub; pubsub with fewer publishers).
    // A -i template with %i would give it a client's own id: then it is named after the template text.
    const bool templated =
        context.client_id_template && context.client_id_template->find('%') != std::string::npos;
    auto connection =
        connection_for_client(context.connection, templated ? std::nullopt : context.client_id_template,
                              fmt::format("wake{}-", context.first_index), context.first_subscriber);
    paho::ClientSettings settings;
    settings.tool = "mqbench";
    settings.max_buffered = 1000;
    client_ = std::make_unique<paho::Client>(connection, settings);
    client_->on_message([](output::Message&&) {});
    client_->connect();
    topic_ = "mqbench/wake/" + connection.client_id;
    subscribe_filter(*client_, topic_, 0, connection.client_id);
  } catch (const Error&) {
    client_.reset();
    return;
  }
  running_ = true;
  nudger_ = std::thread([this] {
    while (running_.load()) {
      try {
        client_->publish(topic_, "w", 0, false);
      } catch (const Error&) {
        // A full send buffer only means the previous nudges are still on their way.
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  });
}

Waker::~Waker() {
  running_ = false;
  if (nudger_.joinable()) nudger_.join();
  if (client_) client_->disconnect(std::chrono::milliseconds(100));
}

}  // namespace mq::mqbench
