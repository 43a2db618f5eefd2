// Durations (-W, --interval, ...): "10", "1.5s", "500ms", "2m".
#include "fuzz_input.hpp"
#include "mq/core/duration.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto duration = mq::parse_duration(mq::fuzz::as_text(data, size));
  if (!duration) {
    mq::fuzz::require(!duration.error().empty(), "an error has a message");
    return 0;
  }
  mq::fuzz::require(duration->count() >= 0, "a parsed duration is not negative");
  // Help and messages print durations with format_duration; what it prints must read back as the same
  // value wherever a double holds the nanoseconds exactly.
  if (duration->count() < (std::int64_t{1} << 53)) {
    const auto again = mq::parse_duration(mq::format_duration(*duration));
    mq::fuzz::require(again && *again == *duration, "format_duration reads back as the same duration");
  }
  return 0;
}
