#include "mqbench/subscribe.hpp"

#include <fmt/format.h>

#include "mq/core/error.hpp"
#include "mq/core/exit_status.hpp"
#include "mq/core/reason_codes.hpp"

namespace mq::mqbench {

void subscribe_filter(SubscribeClient& client, const std::string& filter, int qos, const std::string&) {
  const auto granted = client.subscribe({Subscription{filter, qos}});
  if (!granted.empty() && granted.front() >= 0x80)
    throw Error(exit_status::subscribe_rejected, fmt::format("subscribing to '{}'", filter),
                fmt::format("the broker refused: {}", reason_code_text(granted.front())));
}

}  // namespace mq::mqbench
