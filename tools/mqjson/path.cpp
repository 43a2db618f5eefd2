#include "mqjson/path.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "mqjson/string_literal.hpp"

namespace mq::mqjson {
namespace {

bool is_identifier_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_identifier_char(char c) {
  return is_identifier_start(c) || (c >= '0' && c <= '9');
}

tl::unexpected<std::string> error_at(std::size_t pos, std::string_view why) {
  return tl::unexpected(fmt::format("column {}: {}", pos + 1, why));
}

// Parses "[...]" at text[pos] into a step; advances pos past ']'.
tl::expected<PathStep, std::string> parse_bracket(std::string_view text, std::size_t& pos) {
  ++pos;  // '['
  PathStep step;
  if (pos < text.size() && text[pos] == ']') {
    step.kind = PathStep::Kind::iterate;
  } else if (pos < text.size() && text[pos] == '"') {
    auto literal = parse_string_literal(text.substr(pos), pos + 1);
    if (!literal) return tl::unexpected(literal.error());
    step.kind = PathStep::Kind::member;
    step.name = std::move(literal->value);
    pos += literal->length;
  } else {
    const char* first = text.data() + pos;
    const auto parsed = std::from_chars(first, text.data() + text.size(), step.index);
    if (parsed.ec != std::errc() || parsed.ptr == first)
      return error_at(pos, "expected an index, a \"name\" or ']' after '['");
    step.kind = PathStep::Kind::index;
    pos += static_cast<std::size_t>(parsed.ptr - first);
  }
  if (pos >= text.size() || text[pos] != ']') return error_at(pos, "expected ']'");
  ++pos;
  return step;
}

tl::expected<Path, std::string> parse_dot_path(std::string_view text, Path path) {
  std::size_t pos = 0;
  if (text == ".") return path;
  while (pos < text.size()) {
    if (text[pos] == '[') {
      auto step = parse_bracket(text, pos);
      if (!step) return tl::unexpected(step.error());
      path.steps.push_back(std::move(*step));
      continue;
    }
    if (text[pos] != '.') return error_at(pos, "expected '.' or '['");
    ++pos;
    if (pos < text.size() && text[pos] == '[') continue;  // .[0], .["k"]
    if (pos < text.size() && text[pos] == '"') {
      auto literal = parse_string_literal(text.substr(pos), pos + 1);
      if (!literal) return tl::unexpected(literal.error());
      path.steps.push_back(PathStep{PathStep::Kind::member, std::move(literal->value), 0, false});
      pos += literal->length;
      continue;
    }
    if (pos >= text.size() || !is_identifier_start(text[pos]))
      return error_at(pos, "expected a name, \"name\" or '[' after '.'");
    const std::size_t start = pos;
    while (pos < text.size() && is_identifier_char(text[pos])) ++pos;
    path.steps.push_back(
        PathStep{PathStep::Kind::member, std::string(text.substr(start, pos - start)), 0, false});
  }
  return path;
}

std::string unescape_pointer_token(std::string_view token) {
  std::string name;
  for (std::size_t i = 0; i < token.size(); ++i) {
    if (token[i] == '~' && i + 1 < token.size() && (token[i + 1] == '0' || token[i + 1] == '1')) {
      name.push_back(token[i + 1] == '0' ? '~' : '/');
      ++i;
    } else {
      name.push_back(token[i]);
    }
  }
  return name;
}

tl::expected<Path, std::string> parse_pointer(std::string_view text, Path path) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    ++pos;  // '/'
    const std::size_t end = std::min(text.find('/', pos), text.size());
    const std::string_view token = text.substr(pos, end - pos);
    for (std::size_t i = 0; i < token.size(); ++i)
      if (token[i] == '~' && (i + 1 >= token.size() || (token[i + 1] != '0' && token[i + 1] != '1')))
        return error_at(pos + i, "'~' must be followed by 0 or 1 in a pointer");
    PathStep step;
    step.kind = PathStep::Kind::pointer_token;
    step.name = unescape_pointer_token(token);
    // RFC 6901 array indexes: "0" or digits without a leading zero.
    const bool digits_only = !token.empty() && std::all_of(token.begin(), token.end(),
                                                           [](char c) { return c >= '0' && c <= '9'; });
    if (digits_only && (token.size() == 1 || token[0] != '0')) {
      const auto parsed = std::from_chars(token.data(), token.data() + token.size(), step.index);
      step.numeric = parsed.ec == std::errc();
    }
    path.steps.push_back(std::move(step));
    pos = end;
  }
  return path;
}

tl::expected<Path, std::string> parse_meta(std::string_view text, Path path) {
  static constexpr struct {
    std::string_view name;
    MetaField field;
  } plain_fields[] = {{"$topic", MetaField::topic},
                      {"$qos", MetaField::qos},
                      {"$retain", MetaField::retain},
                      {"$mid", MetaField::mid},
                      {"$time", MetaField::time}};
  for (const auto& entry : plain_fields) {
    if (text == entry.name) {
      path.meta = entry.field;
      return path;
    }
  }
  constexpr std::string_view level_prefix = "$topic[";
  if (text.starts_with(level_prefix)) {
    std::size_t pos = level_prefix.size() - 1;
    auto step = parse_bracket(text, pos);
    if (!step) return tl::unexpected(step.error());
    if (step->kind != PathStep::Kind::index)
      return error_at(level_prefix.size(), "expected a topic level number");
    if (pos != text.size()) return error_at(pos, "unexpected text after $topic[N]");
    path.meta = MetaField::topic_level;
    path.topic_level = step->index;
    return path;
  }
  constexpr std::string_view property_prefix = "$prop.";
  if (text.starts_with(property_prefix) && text.size() > property_prefix.size()) {
    path.meta = MetaField::property;
    path.property = std::string(text.substr(property_prefix.size()));
    return path;
  }
  return error_at(0,
                  "unknown metadata field (use $topic, $topic[N], $qos, $retain, $mid, $time or $prop.NAME)");
}

tl::expected<Path, std::string> parse_any_path(std::string_view text) {
  Path path;
  path.text = std::string(text);
  if (text.empty()) return error_at(0, "empty path");
  switch (text[0]) {
    case '.':
      return parse_dot_path(text, std::move(path));
    case '/':
      return parse_pointer(text, std::move(path));
    case '$':
      return parse_meta(text, std::move(path));
    default:
      return error_at(0, "a path starts with '.', '/' or '$'");
  }
}

}  // namespace

bool Path::iterates() const {
  return std::any_of(steps.begin(), steps.end(),
                     [](const PathStep& step) { return step.kind == PathStep::Kind::iterate; });
}

tl::expected<Path, std::string> parse_path(std::string_view text, std::size_t first_column) {
  auto parsed = parse_any_path(text);
  if (parsed || first_column == 1) return parsed;
  // Re-base "column N: ..." onto the enclosing text.
  const std::string& message = parsed.error();
  std::size_t column = 0;
  const auto digits = std::from_chars(message.data() + 7, message.data() + message.size(), column);
  return tl::unexpected(fmt::format("column {}{}", column + first_column - 1, std::string_view(digits.ptr)));
}

}  // namespace mq::mqjson
