// --where expressions: the first line is the expression, the rest the payload it is evaluated against
// (also as an unparsable payload, and without metadata, as for raw stdin lines).
#include "fuzz_input.hpp"
#include "mq/core/message_properties.hpp"
#include "mqjson/where.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto [expression_text, payload] = mq::fuzz::split_first_line(mq::fuzz::as_text(data, size));
  auto expression = mq::mqjson::WhereExpression::parse(expression_text);
  if (!expression) {
    mq::fuzz::require(expression.error().starts_with("column "), "an error names its column");
    return 0;
  }
  mq::mqjson::JsonDocument document;
  const bool parsed = document.parse(payload).has_value();
  mq::MessageProperties properties;
  properties.response_topic = "replies/1";
  properties.user_properties = {{"unit", "celsius"}};
  mq::mqjson::MessageMeta meta;
  meta.known = true;
  meta.topic = "site/a/sensor";
  meta.qos = 1;
  meta.retained = true;
  meta.message_id = 9;
  meta.time = "2024-01-02T03:04:05.000006Z";
  meta.properties = &properties;
  (void)expression->matches(parsed ? &document : nullptr, meta);
  (void)expression->matches(nullptr, meta);
  (void)expression->matches(parsed ? &document : nullptr, mq::mqjson::MessageMeta{});
  return 0;
}
