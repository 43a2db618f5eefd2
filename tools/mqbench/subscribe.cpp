#include "mqbench/subscribe.hpp"

namespace mq::mqbench {

void subscribe_filter(paho::Client& client, const std::string& filter, int qos,
                      const std::string& client_id) {
  if (client.connection().version != ProtocolVersion::v5) {
    client.subscribe({paho::Subscription{filter, qos}});
    return;
  }
  client.subscribe({paho::Subscription{filter, qos}, paho::Subscription{"mqbench/unused/" + client_id, 0}});
}

}  // namespace mq::mqbench
