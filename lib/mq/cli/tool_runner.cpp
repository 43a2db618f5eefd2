#include "mq/cli/tool_runner.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <exception>

#include "mq/cli/argv_sources.hpp"
#include "mq/cli/connection_cli.hpp"
#include "mq/cli/doc_generator.hpp"
#include "mq/core/error.hpp"
#include "mq/core/exit_status.hpp"

namespace mq::cli {
namespace {

// CLI11 words its errors for programmers; keep the option name first like our own errors.
std::string usage_text(const CLI::ParseError& error, std::string_view tool) {
  std::string text = error.what();
  if (!text.empty() && text.back() == '\n') text.pop_back();
  return fmt::format("{} (see '{} --help')", text, tool);
}

}  // namespace

void print_error(std::string_view tool, std::string_view text) {
  std::fflush(stdout);
  fmt::print(stderr, "{}: error: {}\n", tool, text);
}

void print_warning(std::string_view tool, std::string_view text) {
  fmt::print(stderr, "{}: warning: {}\n", tool, text);
}

void configure_app(CLI::App& app, const ToolDescription& tool, const std::function<std::string()>& version_text) {
  app.name(std::string(tool.name));
  app.description(std::string(tool.summary));
  // -h is the host, as in mosquitto; help is --help only.
  app.set_help_flag("--help", "Print this help and exit")->group(group_general);
  app.set_version_flag("--version", version_text, "Print the version of the tool, Paho and OpenSSL and exit")
      ->group(group_general);
  app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  app.get_formatter()->column_width(34);
  // Read before parsing (argv_sources.cpp); declared so they show in --help and are accepted by the parser.
  app.add_option("-o,--options-file", "Read options from FILE (one per line) instead of $XDG_CONFIG_HOME/<tool>")
      ->type_name("FILE")
      ->group(group_general);
  // Hidden (no group): renders this App as a man-page option list or a shell completion script.
  app.add_option("--generate", "Print the man page options or a bash|zsh|fish completion script")->group("");
  app.add_option("--profile", "Also read options from $XDG_CONFIG_HOME/mq/NAME, shared by all tools")
      ->envname("MQ_PROFILE")
      ->type_name("NAME")
      ->group(group_general);
}

int run_tool(const ToolDescription& tool, int argc, char** argv, const ToolHooks& hooks) {
  bool quiet = false;
  try {
    CLI::App app;
    configure_app(app, tool, hooks.version_text);
    hooks.define(app);

    auto sources = collect_arguments(tool.name, argc, argv);
    wipe_passwords(argc, argv);
    std::reverse(sources.arguments.begin(), sources.arguments.end());  // CLI11 consumes from the back
    try {
      app.parse(sources.arguments);
    } catch (const CLI::CallForHelp&) {
      fmt::print("{}", app.help());
      return exit_status::ok;
    } catch (const CLI::CallForAllHelp&) {
      fmt::print("{}", app.help("", CLI::AppFormatMode::All));
      return exit_status::ok;
    } catch (const CLI::CallForVersion& version) {
      fmt::print("{}\n", version.what());
      return exit_status::ok;
    } catch (const CLI::ParseError& error) {
      print_error(tool.name, usage_text(error, tool.name));
      return exit_status::usage;
    }
    if (const auto* generate = app.get_option("--generate"); generate->count() > 0) {
      fmt::print("{}", generate_doc(app, parse_doc_format(generate->as<std::string>())));
      return exit_status::ok;
    }
    quiet = app.get_option_no_throw("--quiet") != nullptr && app.get_option("--quiet")->as<bool>();
    if (!quiet && !hooks.warnings_already_printed)
      for (const auto& warning : sources.warnings) print_warning(tool.name, warning);
    return hooks.run();
  } catch (const Error& error) {
    if (!quiet) print_error(tool.name, error.what());
    return error.exit_code();
  } catch (const std::exception& error) {
    print_error(tool.name, fmt::format("internal error: {} (please report this)", error.what()));
    return exit_status::internal_error;
  }
}

}  // namespace mq::cli
