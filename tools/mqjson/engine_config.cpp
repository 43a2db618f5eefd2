#include "mqjson/engine_config.hpp"

#include <fmt/format.h>

#include "mq/core/error.hpp"
#include "mq/core/exit_status.hpp"

namespace mq::mqjson {
namespace {

constexpr std::string_view path_hint =
    "paths look like .a.b, .a[0], .[\"k\"], /a/b or $topic; see 'mqjson --help'";

OnInvalid on_invalid_of(const std::string& word) {
  if (word == "null") return OnInvalid::null_row;
  if (word == "fail") return OnInvalid::fail;
  return OnInvalid::skip;
}

}  // namespace

EngineConfig make_engine_config(const Options& options) {
  EngineConfig config;
  std::vector<std::string> arguments = options.arguments;
  if (arguments.empty()) arguments.emplace_back(".");
  for (const std::string& argument : arguments) {
    std::string label = argument;
    std::string_view path_text = argument;
    const bool looks_like_path =
        !argument.empty() && (argument[0] == '.' || argument[0] == '/' || argument[0] == '$');
    if (!looks_like_path) {
      const std::size_t equals = argument.find('=');
      if (equals == std::string::npos || equals == 0)
        throw Error(exit_status::usage, fmt::format("field '{}'", argument),
                    "a path starts with '.', '/' or '$'", std::string(path_hint));
      label = argument.substr(0, equals);
      path_text = std::string_view(argument).substr(equals + 1);
    }
    auto path = parse_path(path_text);
    if (!path)
      throw Error(exit_status::usage, fmt::format("field '{}'", argument), path.error(),
                  std::string(path_hint));
    config.fields.push_back(std::move(*path));
    config.labels.push_back(std::move(label));
  }
  if (options.json) {
    config.format = RowFormat::json;
  } else if (options.csv) {
    config.format = RowFormat::csv;
  } else {
    config.format = config.fields.size() == 1 ? RowFormat::single : RowFormat::tsv;
  }
  config.row_terminator = options.null_separated ? '\0' : '\n';
  if (options.where) {
    auto where = WhereExpression::parse(*options.where);
    if (!where)
      throw Error(exit_status::usage, "--where", where.error(),
                  "e.g. --where '.temp > 20 and $topic[1] == \"kitchen\"'");
    config.where = std::move(*where);
  }
  config.max_matches = options.count;
  if (options.count && *options.count == 0)
    throw Error(exit_status::usage, "-C", "the count must be at least 1");
  config.require_fields = options.require;
  config.on_invalid = on_invalid_of(options.on_invalid);
  return config;
}

}  // namespace mq::mqjson
