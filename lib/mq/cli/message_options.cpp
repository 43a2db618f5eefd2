#include "mq/cli/message_options.hpp"

#include "mq/cli/value_checks.hpp"

namespace mq::cli {

CLI::Option* add_qos_option(CLI::App& app, int& qos, const std::string& description) {
  return app.add_option("-q,--qos", qos, description)->type_name("QOS")->check(CLI::Range(0, 2));
}

CLI::Option* add_timeout_option(CLI::App& app, std::optional<std::string>& timeout, const std::string& description) {
  return app.add_option("-W,--timeout", timeout, description)->type_name("DURATION")->check(duration_check());
}

}  // namespace mq::cli
