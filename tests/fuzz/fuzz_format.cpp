// The -F output language: the first line is the format, the rest is the payload of the message it renders
// (every v5 property set, so every code has something to print).
#include <chrono>
#include <string>

#include "fuzz_input.hpp"
#include "mq/output/format.hpp"

namespace {

mq::output::Message make_message(std::string_view payload) {
  mq::output::Message message;
  message.topic = "sensors/kitchen/temperature";
  message.payload = std::string(payload);
  message.qos = 1;
  message.retained = true;
  message.message_id = 42;
  message.properties.content_type = "application/json";
  message.properties.correlation_data = "req-7";
  message.properties.response_topic = "replies/7";
  message.properties.message_expiry_interval = 60;
  message.properties.payload_format_indicator = 1;
  message.properties.topic_alias = 3;
  message.properties.subscription_identifiers = {1, 268435455};
  message.properties.user_properties = {{"unit", "celsius"}, {"", ""}};
  message.received_at =
      std::chrono::system_clock::time_point(std::chrono::nanoseconds(1'700'000'000'123'456'789));
  return message;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto [format_text, payload] = mq::fuzz::split_first_line(mq::fuzz::as_text(data, size));
  const auto format = mq::output::parse_format(format_text);
  if (!format) {
    mq::fuzz::require(!format.error().empty(), "an error has a message");
    return 0;
  }
  std::string out;
  mq::output::render(*format, make_message(payload), out);
  // A message without any of the optional properties takes the "absent" paths of every code.
  mq::output::Message bare;
  bare.payload = std::string(payload);
  out.clear();
  mq::output::render(*format, bare, out);
  return 0;
}
