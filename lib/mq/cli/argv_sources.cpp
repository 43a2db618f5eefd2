#include "mq/cli/argv_sources.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fmt/format.h>
#include <fstream>
#include <optional>
#include <sstream>

#include "mq/core/error.hpp"
#include "mq/core/exit_status.hpp"

namespace mq::cli {
namespace {

struct FileArguments {
  bool found = false;
  std::vector<std::string> arguments;
  bool readable_by_others = false;
};

FileArguments read_options_file(const std::string& path) {
  FileArguments result;
  std::ifstream file(path, std::ios::binary);
  if (!file) return result;
  result.found = true;
  std::stringstream text;
  text << file.rdbuf();
  result.arguments = split_options_text(text.str());
  struct stat info {};
  if (::stat(path.c_str(), &info) == 0) result.readable_by_others = (info.st_mode & (S_IRGRP | S_IROTH)) != 0;
  return result;
}

bool holds_password(const std::vector<std::string>& arguments) {
  for (const auto& argument : arguments)
    if (argument == "-P" || argument == "--pw" || argument.starts_with("--pw=") ||
        (argument.starts_with("-P") && argument.size() > 2))
      return true;
  return false;
}

// The value of "--name VALUE", "--name=VALUE" or "-x VALUE" in argv, if present (the last one wins).
std::optional<std::string> find_value(int argc, const char* const* argv, std::string_view long_name,
                                      std::string_view short_name) {
  std::optional<std::string> value;
  for (int i = 1; i < argc; ++i) {
    const std::string_view argument = argv[i];
    if (argument == "--") break;
    if ((argument == long_name || (!short_name.empty() && argument == short_name)) && i + 1 < argc) {
      value = argv[++i];
    } else if (argument.starts_with(long_name) && argument.size() > long_name.size() &&
               argument[long_name.size()] == '=') {
      value = std::string(argument.substr(long_name.size() + 1));
    }
  }
  return value;
}

}  // namespace

std::string config_home() {
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg != nullptr && *xdg != '\0') return xdg;
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') return std::string(home) + "/.config";
  return {};
}

std::vector<std::string> split_options_text(std::string_view text) {
  std::vector<std::string> arguments;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const auto first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos || line[first] == '#') continue;
    line = line.substr(first);
    const auto space = line.find_first_of(" \t");
    arguments.emplace_back(line.substr(0, space));
    if (space != std::string_view::npos) {
      const auto value_start = line.find_first_not_of(" \t", space);
      if (value_start != std::string_view::npos) {
        auto value = line.substr(value_start);
        while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
        arguments.emplace_back(value);
      }
    }
  }
  return arguments;
}

ArgvSources collect_arguments(std::string_view tool, int argc, const char* const* argv) {
  ArgvSources sources;
  const std::string home = config_home();

  const auto explicit_file = find_value(argc, argv, "--options-file", "-o");
  if (explicit_file) {
    auto file = read_options_file(*explicit_file);
    if (!file.found)
      throw Error(exit_status::usage, fmt::format("-o {}", *explicit_file), "cannot read the options file",
                  "check the path and its permissions");
    if (file.readable_by_others && holds_password(file.arguments))
      sources.warnings.push_back(fmt::format("{} holds a password and other users can read it (chmod 600 it)",
                                             *explicit_file));
    sources.arguments = std::move(file.arguments);
  } else if (!home.empty()) {
    const std::string path = fmt::format("{}/{}", home, tool);
    auto file = read_options_file(path);
    if (file.readable_by_others && holds_password(file.arguments))
      sources.warnings.push_back(fmt::format("{} holds a password and other users can read it (chmod 600 it)", path));
    sources.arguments = std::move(file.arguments);
  }

  auto profile = find_value(argc, argv, "--profile", "");
  if (!profile) {
    if (const char* from_env = std::getenv("MQ_PROFILE"); from_env != nullptr && *from_env != '\0')
      profile = from_env;
  }
  if (profile) {
    if (profile->empty() || profile->find('/') != std::string::npos || profile->front() == '.')
      throw Error(exit_status::usage, fmt::format("--profile {}", *profile), "not a profile name",
                  "profiles are plain names of files in $XDG_CONFIG_HOME/mq/");
    const std::string path = fmt::format("{}/mq/{}", home, *profile);
    auto file = read_options_file(path);
    if (!file.found)
      throw Error(exit_status::usage, fmt::format("--profile {}", *profile), fmt::format("{} does not exist", path),
                  "create it with one option per line, e.g. '-h broker.example.com'");
    if (file.readable_by_others && holds_password(file.arguments))
      sources.warnings.push_back(fmt::format("profile {} holds a password and other users can read it (chmod 600 {})",
                                             *profile, path));
    sources.arguments.insert(sources.arguments.end(), file.arguments.begin(), file.arguments.end());
  }

  for (int i = 1; i < argc; ++i) sources.arguments.emplace_back(argv[i]);
  return sources;
}

namespace {

// The password of scheme://user:password@host... in place.
void wipe_url_password(char* url) {
  char* authority = std::strstr(url, "://");
  if (authority == nullptr) return;
  authority += 3;
  char* const end = authority + std::strcspn(authority, "/");
  char* at = nullptr;
  for (char* c = authority; c < end; ++c)
    if (*c == '@') at = c;
  if (at == nullptr) return;
  char* colon = std::find(authority, at, ':');
  if (colon == at) return;
  std::fill(colon + 1, at, '*');
}

}  // namespace

void wipe_passwords(int argc, char** argv) {
  const auto wipe = [](char* text) { std::memset(text, '*', std::strlen(text)); };
  for (int i = 1; i < argc; ++i) {
    char* argument = argv[i];
    if (std::strcmp(argument, "--") == 0) break;
    if ((std::strcmp(argument, "-P") == 0 || std::strcmp(argument, "--pw") == 0) && i + 1 < argc) {
      wipe(argv[++i]);
    } else if ((std::strcmp(argument, "-L") == 0 || std::strcmp(argument, "--url") == 0) && i + 1 < argc) {
      wipe_url_password(argv[++i]);
    } else if (std::strncmp(argument, "--url=", 6) == 0) {
      wipe_url_password(argument + 6);
    } else if (std::strncmp(argument, "--pw=", 5) == 0) {
      wipe(argument + 5);
    } else if (std::strncmp(argument, "-P", 2) == 0 && argument[2] != '\0') {
      wipe(argument + 2);
    }
  }
}

}  // namespace mq::cli
