#pragma once
// Man-page option lists and shell completions generated from a tool's CLI::App, so --help, man pages and
// completions come from one declaration and cannot drift (a ctest compares the committed files).
#include <string>
#include <string_view>
#include <vector>

#include "mq/cli/cli_fwd.hpp"

namespace mq::cli {

enum class DocFormat { man, bash, zsh, fish };

// "man" | "bash" | "zsh" | "fish"; throws mq::Error(usage) for anything else.
DocFormat parse_doc_format(std::string_view text);

std::string generate_doc(const CLI::App& app, DocFormat format);

// The fixed values an option takes ("0 1 2" for -q), from its validators; empty when free-form.
std::vector<std::string> option_choices(const CLI::Option& option);

}  // namespace mq::cli
