// Every short letter must mean the same option in every tool (mosquitto's letters win), and the shared
// connection options must exist, declared once, in each tool.
#include <doctest/doctest.h>

#include <CLI/CLI.hpp>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "mq/cli/connection_cli.hpp"
#include "mq/cli/tool_runner.hpp"
#include "mqbench/options.hpp"
#include "mqjson/options.hpp"
#include "mqpub/options.hpp"
#include "mqsub/options.hpp"

namespace {

struct ToolApp {
  std::string name;
  std::function<void(CLI::App&)> define;
};

std::map<std::string, std::string> short_to_long(CLI::App& app) {
  std::map<std::string, std::string> letters;
  for (const CLI::Option* option : app.get_options()) {
    const auto& long_names = option->get_lnames();
    for (const auto& letter : option->get_snames())
      letters[letter] = long_names.empty() ? std::string("(no long name)") : long_names.front();
  }
  return letters;
}

}  // namespace

TEST_CASE("cli: short letters mean the same in every tool") {
  mq::mqpub::Options pub;
  mq::mqsub::Options sub;
  mq::mqjson::Options json;
  mq::mqbench::Options bench;
  std::vector<ToolApp> tools{
      {"mqpub", [&](CLI::App& app) { mq::mqpub::define_cli(app, pub); }},
      {"mqsub", [&](CLI::App& app) { mq::mqsub::define_cli(app, sub); }},
      {"mqjson", [&](CLI::App& app) { mq::mqjson::define_cli(app, json); }},
      {"mqbench", [&](CLI::App& app) { mq::mqbench::define_cli(app, bench); }},
  };
  std::map<std::string, std::pair<std::string, std::string>> seen;  // letter -> (long name, tool)
  for (auto& tool : tools) {
    CLI::App app;
    mq::cli::configure_app(app, {tool.name, "test"}, [] { return std::string(); });
    tool.define(app);
    const auto letters = short_to_long(app);
    for (const char* shared : {"h", "p", "L", "u", "P", "i", "I", "k", "c", "x", "V", "d", "A", "D"}) {
      INFO(tool.name, " lacks the shared option -", shared);
      CHECK(letters.count(shared) == 1);
    }
    for (const auto& [letter, long_name] : letters) {
      auto [entry, inserted] = seen.emplace(letter, std::pair{long_name, tool.name});
      INFO("-", letter, " is --", long_name, " in ", tool.name, " but --", entry->second.first, " in ",
           entry->second.second);
      CHECK(entry->second.first == long_name);
    }
  }
  // mosquitto's letters for the shared options.
  const std::map<std::string, std::string> mosquitto{
      {"h", "host"}, {"p", "port"}, {"L", "url"},  {"u", "username"}, {"P", "pw"},
      {"i", "id"},   {"I", "id-prefix"}, {"k", "keepalive"}, {"c", "disable-clean-session"},
      {"x", "session-expiry-interval"}, {"V", "protocol-version"}, {"d", "debug"}, {"A", "bind-address"},
      {"D", "property"}, {"q", "qos"}, {"t", "topic"}, {"o", "options-file"}};
  for (const auto& [letter, long_name] : mosquitto) {
    REQUIRE_MESSAGE(seen.count(letter) == 1, "-", letter, " is missing");
    CHECK_MESSAGE(seen[letter].first == long_name, "-", letter, " should be --", long_name);
  }
}

TEST_CASE("cli: --help is the only help flag and -h is the host") {
  mq::mqpub::Options pub;
  CLI::App app;
  mq::cli::configure_app(app, {"mqpub", "test"}, [] { return std::string(); });
  mq::mqpub::define_cli(app, pub);
  app.parse(std::vector<std::string>{"x", "-t", "broker.example.com", "-h"});  // reversed argv
  CHECK(pub.connection.host == "broker.example.com");
  CHECK(pub.topic == "x");
}
