// Topic names and filters: the first line is used as a filter, the rest as a topic name (both are also
// checked the other way round), then the two are matched when both are valid.
#include "fuzz_input.hpp"
#include "mq/core/topic.hpp"

namespace {

void check_name(std::string_view name) {
  if (!mq::validate_topic_name(name)) return;
  mq::fuzz::require(mq::validate_topic_filter(name).has_value(), "a valid topic name is a valid filter");
  mq::fuzz::require(mq::topic_matches(name, name), "a topic name matches itself as a filter");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = mq::fuzz::as_text(data, size);
  const auto [filter, name] = mq::fuzz::split_first_line(text);
  check_name(name);
  check_name(filter);
  (void)mq::validate_topic_filter(text);
  (void)mq::is_valid_mqtt_utf8(text);
  if (mq::validate_topic_filter(filter) && mq::validate_topic_name(name)) {
    const bool matched = mq::topic_matches(filter, name);
    if (filter == "#" && name.front() != '$') mq::fuzz::require(matched, "'#' matches every non-$ topic");
  }
  return 0;
}
