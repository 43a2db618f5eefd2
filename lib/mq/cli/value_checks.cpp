#include "mq/cli/value_checks.hpp"

#include "mq/core/duration.hpp"

namespace mq::cli {

CLI::Validator duration_check() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        const auto parsed = parse_duration(text);
        return parsed ? std::string() : parsed.error();
      },
      "", "duration");
}

CLI::Validator duration_as_seconds() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        const auto parsed = parse_duration(text);
        if (!parsed) return parsed.error();
        text = std::to_string(std::chrono::duration_cast<std::chrono::seconds>(*parsed).count());
        return {};
      },
      "", "duration-seconds");
}

}  // namespace mq::cli
