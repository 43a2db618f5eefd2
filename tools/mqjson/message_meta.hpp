#pragma once
// What mqjson knows about a message besides its payload, as views valid for one process() call.
#include <string_view>

#include "mq/core/message_properties.hpp"

namespace mq::mqjson {

struct MessageMeta {
  bool known = false;  // false for raw stdin lines: every $ field is missing
  std::string_view topic;
  int qos = 0;
  bool retained = false;
  int message_id = 0;     // 0: none (QoS 0)
  std::string_view time;  // RFC 3339 UTC; empty: unknown
  const MessageProperties* properties = nullptr;
};

}  // namespace mq::mqjson
