#include "mq/cli/doc_generator.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <regex>

#include "mq/core/error.hpp"
#include "mq/core/exit_status.hpp"
#include "mq/core/property_args.hpp"

namespace mq::cli {
namespace {

// Options shown to users: named, in a visible group, not --help/--version/--generate.
std::vector<const CLI::Option*> documented_options(const CLI::App& app) {
  std::vector<const CLI::Option*> options;
  for (const CLI::Option* option : app.get_options()) {
    if (!option->nonpositional() || option->get_group().empty()) continue;
    options.push_back(option);
  }
  return options;
}

std::vector<std::string> groups_in_order(const std::vector<const CLI::Option*>& options) {
  std::vector<std::string> groups;
  for (const auto* option : options)
    if (std::find(groups.begin(), groups.end(), option->get_group()) == groups.end())
      groups.push_back(option->get_group());
  return groups;
}

// The value placeholder without CLI11's validator suffixes ("QOS" from "QOS:INT in [0 - 2]").
std::string value_name(const CLI::Option& option) {
  if (option.get_items_expected_max() == 0) return {};
  std::string name = option.get_type_name();
  if (const auto colon = name.find(':'); colon != std::string::npos) name.resize(colon);
  return name;
}

std::string man_escape(std::string text) {
  std::string escaped;
  for (char c : text) {
    if (c == '\\') {
      escaped += "\\e";
    } else if (c == '-') {
      escaped += "\\-";
    } else {
      escaped += c;
    }
  }
  if (!escaped.empty() && (escaped.front() == '.' || escaped.front() == '\'')) escaped.insert(0, "\\&");
  return escaped;
}

std::string shell_single_quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

enum class ValueKind { none, file, directory, choices, profile, free };

ValueKind value_kind(const CLI::Option& option) {
  if (option.get_items_expected_max() == 0) return ValueKind::none;
  const std::string name = value_name(option);
  if (name == "FILE") return ValueKind::file;
  if (name == "DIR") return ValueKind::directory;
  if (name == "NAME" && !option.get_lnames().empty() && option.get_lnames().front() == "profile")
    return ValueKind::profile;
  if (!option_choices(option).empty()) return ValueKind::choices;
  return ValueKind::free;
}

std::string all_flags(const CLI::App& app) {
  std::vector<std::string> flags;
  for (const auto* option : documented_options(app)) {
    for (const auto& letter : option->get_snames()) flags.push_back("-" + letter);
    for (const auto& name : option->get_lnames()) flags.push_back("--" + name);
  }
  return fmt::format("{}", fmt::join(flags, " "));
}

std::string generate_man(const CLI::App& app) {
  std::string out;
  const auto options = documented_options(app);
  for (const auto& group : groups_in_order(options)) {
    out += fmt::format(".SS {}\n", man_escape(group));
    for (const auto* option : options) {
      if (option->get_group() != group) continue;
      std::vector<std::string> names;
      for (const auto& letter : option->get_snames()) names.push_back(fmt::format("\\fB\\-{}\\fR", letter));
      for (const auto& name : option->get_lnames()) names.push_back(fmt::format("\\fB\\-\\-{}\\fR", man_escape(name)));
      std::string line = fmt::format("{}", fmt::join(names, ", "));
      const std::string value = value_name(*option);
      if (!value.empty()) line += fmt::format(" \\fI{}\\fR", man_escape(value));
      out += ".TP\n" + line + "\n" + man_escape(option->get_description()) + "\n";
      const auto choices = option_choices(*option);
      if (!choices.empty()) out += fmt::format(".br\nValues: {}.\n", man_escape(fmt::format("{}", fmt::join(choices, ", "))));
      if (!option->get_envname().empty()) out += fmt::format(".br\nEnvironment: \\fB{}\\fR.\n", man_escape(option->get_envname()));
    }
  }
  return out;
}

// After "-D PACKET", complete the property names of that packet.
std::string property_value_cases() {
  std::string cases;
  const auto packets = property_packet_names();
  for (std::size_t index = 0; index < packets.size(); ++index) {
    std::vector<std::string> names;
    for (const auto name : property_names(static_cast<PropertyPacket>(index))) names.emplace_back(name);
    cases += fmt::format("      {}) COMPREPLY=($(compgen -W {} -- \"$cur\")) ;;\n", packets[index],
                         shell_single_quote(fmt::format("{}", fmt::join(names, " "))));
  }
  return cases;
}

std::string generate_bash(const CLI::App& app) {
  const std::string tool = app.get_name();
  std::string cases;
  for (const auto* option : documented_options(app)) {
    if (!option->get_lnames().empty() && option->get_lnames().front() == "property") continue;  // below
    std::vector<std::string> names;
    for (const auto& letter : option->get_snames()) names.push_back("-" + letter);
    for (const auto& name : option->get_lnames()) names.push_back("--" + name);
    const std::string pattern = fmt::format("{}", fmt::join(names, "|"));
    switch (value_kind(*option)) {
      case ValueKind::none: break;
      case ValueKind::file: cases += fmt::format("    {}) COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n", pattern); break;
      case ValueKind::directory:
        cases += fmt::format("    {}) COMPREPLY=($(compgen -d -- \"$cur\")); return ;;\n", pattern);
        break;
      case ValueKind::profile:
        cases += fmt::format(
            "    {}) COMPREPLY=($(compgen -W \"$(ls \"${{XDG_CONFIG_HOME:-$HOME/.config}}/mq\" 2>/dev/null)\" -- \"$cur\")); "
            "return ;;\n",
            pattern);
        break;
      case ValueKind::choices:
        cases += fmt::format("    {}) COMPREPLY=($(compgen -W {} -- \"$cur\")); return ;;\n", pattern,
                             shell_single_quote(fmt::format("{}", fmt::join(option_choices(*option), " "))));
        break;
      case ValueKind::free: cases += fmt::format("    {}) return ;;\n", pattern); break;
    }
  }
  const std::string function = "_" + tool;
  return fmt::format(
      "# bash completion for {0} (generated by '{0} --generate bash'; do not edit)\n"
      "{1}() {{\n"
      "  local cur=\"${{COMP_WORDS[COMP_CWORD]}}\" prev=\"${{COMP_WORDS[COMP_CWORD-1]}}\"\n"
      "  COMPREPLY=()\n"
      "  if [ \"${{COMP_WORDS[COMP_CWORD-2]}}\" = -D ] || [ \"${{COMP_WORDS[COMP_CWORD-2]}}\" = --property ]; then\n"
      "    case \"$prev\" in\n{2}"
      "    esac\n"
      "    return\n"
      "  fi\n"
      "  case \"$prev\" in\n{3}"
      "  esac\n"
      "  COMPREPLY=($(compgen -W {4} -- \"$cur\"))\n"
      "}}\n"
      "complete -F {1} {0}\n",
      tool, function, property_value_cases(),
      cases + "    -D|--property) COMPREPLY=($(compgen -W " +
          shell_single_quote(fmt::format("{}", fmt::join(property_packet_names(), " "))) +
          " -- \"$cur\")); return ;;\n",
      shell_single_quote(all_flags(app)));
}

std::string zsh_escape(const std::string& text) {
  std::string escaped;
  for (char c : text) {
    if (c == '[' || c == ']' || c == ':' || c == '\\') escaped += '\\';
    if (c == '\'') {
      escaped += "'\\''";
      continue;
    }
    escaped += c;
  }
  return escaped;
}

std::string generate_zsh(const CLI::App& app) {
  const std::string tool = app.get_name();
  std::string specs;
  for (const auto* option : documented_options(app)) {
    std::vector<std::string> names;
    for (const auto& letter : option->get_snames()) names.push_back("-" + letter);
    for (const auto& name : option->get_lnames()) names.push_back("--" + name);
    const std::string description = zsh_escape(option->get_description());
    std::string action;
    const std::string value = zsh_escape(value_name(*option));
    switch (value_kind(*option)) {
      case ValueKind::none: break;
      case ValueKind::file: action = fmt::format(":{}:_files", value); break;
      case ValueKind::directory: action = fmt::format(":{}:_files -/", value); break;
      case ValueKind::profile:
        action = fmt::format(":{}:_files -W \"${{XDG_CONFIG_HOME:-$HOME/.config}}/mq\"", value);
        break;
      case ValueKind::choices:
        action = fmt::format(":{}:({})", value, fmt::join(option_choices(*option), " "));
        break;
      case ValueKind::free: action = fmt::format(":{}: ", value); break;
    }
    const bool repeatable = option->get_multi_option_policy() == CLI::MultiOptionPolicy::TakeAll;
    for (const auto& name : names)
      specs += fmt::format("  '{}{}[{}]{}' \\\n", repeatable ? "*" : "", name, description, action);
  }
  return fmt::format(
      "#compdef {0}\n# zsh completion for {0} (generated by '{0} --generate zsh'; do not edit)\n"
      "_arguments -s \\\n{1}\n",
      tool, specs);
}

std::string fish_escape(const std::string& text) {
  std::string escaped;
  for (char c : text) {
    if (c == '\'' || c == '\\') escaped += '\\';
    escaped += c;
  }
  return escaped;
}

std::string generate_fish(const CLI::App& app) {
  const std::string tool = app.get_name();
  std::string out = fmt::format("# fish completion for {0} (generated by '{0} --generate fish'; do not edit)\n", tool);
  for (const auto* option : documented_options(app)) {
    std::string line = fmt::format("complete -c {}", tool);
    for (const auto& letter : option->get_snames()) line += fmt::format(" -s {}", letter);
    for (const auto& name : option->get_lnames()) line += fmt::format(" -l {}", name);
    line += fmt::format(" -d '{}'", fish_escape(option->get_description()));
    switch (value_kind(*option)) {
      case ValueKind::none: break;
      case ValueKind::file: line += " -r -F"; break;
      case ValueKind::directory: line += " -r -a '(__fish_complete_directories)'"; break;
      case ValueKind::profile:
        line += " -x -a '(command ls (set -q XDG_CONFIG_HOME; and echo $XDG_CONFIG_HOME; or echo ~/.config)/mq 2>/dev/null)'";
        break;
      case ValueKind::choices:
        line += fmt::format(" -x -a '{}'", fish_escape(fmt::format("{}", fmt::join(option_choices(*option), " "))));
        break;
      case ValueKind::free: line += " -x"; break;
    }
    out += line + "\n";
  }
  return out;
}

}  // namespace

DocFormat parse_doc_format(std::string_view text) {
  if (text == "man") return DocFormat::man;
  if (text == "bash") return DocFormat::bash;
  if (text == "zsh") return DocFormat::zsh;
  if (text == "fish") return DocFormat::fish;
  throw Error(exit_status::usage, fmt::format("--generate {}", text), "unknown format", "use man, bash, zsh or fish");
}

std::vector<std::string> option_choices(const CLI::Option& option) {
  const std::string type = option.get_type_name();
  static const std::regex member_list(R"(\{([^}]*)\})");
  static const std::regex int_range(R"(in \[(\d+) - (\d+)\])");
  std::smatch match;
  std::vector<std::string> choices;
  if (std::regex_search(type, match, member_list)) {
    std::string list = match[1];
    std::size_t start = 0;
    while (start <= list.size()) {
      const auto comma = list.find(',', start);
      choices.push_back(list.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  } else if (std::regex_search(type, match, int_range)) {
    const int low = std::stoi(match[1]);
    const int high = std::stoi(match[2]);
    if (high - low <= 10)
      for (int value = low; value <= high; ++value) choices.push_back(std::to_string(value));
  }
  return choices;
}

std::string generate_doc(const CLI::App& app, DocFormat format) {
  switch (format) {
    case DocFormat::man: return generate_man(app);
    case DocFormat::bash: return generate_bash(app);
    case DocFormat::zsh: return generate_zsh(app);
    case DocFormat::fish: return generate_fish(app);
  }
  return {};
}

}  // namespace mq::cli
