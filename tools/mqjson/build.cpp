#include "mqjson/build.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <ctime>

#include "mqjson/jq_text.hpp"
#include "mqjson/json_document.hpp"

namespace mq::mqjson {
namespace {

struct Member {
  std::string key;
  std::string json;              // a leaf's compact text
  std::vector<Member> children;  // a nested object's members
  bool is_object = false;
};

// Containers open at the deepest point of a compact JSON text.
std::size_t nesting_depth(std::string_view json) {
  std::size_t depth = 0;
  std::size_t deepest = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return deepest;
}

bool is_json_number(std::string_view text) {
  if (text.empty()) return false;
  JsonDocument document;
  return document.parse(text) && document.node(document.root()).kind == JsonKind::number;
}

void append_utc_millis(std::string& out, std::chrono::system_clock::time_point now) {
  const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  const std::time_t seconds = static_cast<std::time_t>(millis / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  fmt::format_to(std::back_inserter(out), "\"{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z\"",
                 utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                 millis % 1000);
}

tl::expected<std::string, std::string> typed_value(std::string_view value,
                                                   std::chrono::system_clock::time_point now) {
  std::string json;
  if (value == "@now") {
    append_utc_millis(json, now);
  } else if (value == "@epoch") {
    fmt::format_to(std::back_inserter(json), "{}",
                   std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count());
  } else if (value == "@epoch_ms") {
    fmt::format_to(std::back_inserter(json), "{}",
                   std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count());
  } else if (value == "true" || value == "false" || value == "null" || is_json_number(value)) {
    json = value;
  } else {
    append_jq_quoted(json, value);
  }
  return json;
}

tl::expected<void, std::string> insert(std::vector<Member>& members,
                                       std::span<const std::string_view> segments, std::string json) {
  Member* found = nullptr;
  for (Member& member : members)
    if (member.key == segments.front()) found = &member;
  const bool leaf = segments.size() == 1;
  if (found == nullptr) {
    found = &members.emplace_back();
    found->key = std::string(segments.front());
    found->is_object = !leaf;
  }
  if (found->is_object != !leaf)
    return tl::unexpected(fmt::format("key '{}' is both a value and an object", segments.front()));
  if (leaf) {
    found->json = std::move(json);
    return {};
  }
  return insert(found->children, segments.subspan(1), std::move(json));
}

void append_members(std::string& out, const std::vector<Member>& members) {
  out.push_back('{');
  for (std::size_t i = 0; i < members.size(); ++i) {
    if (i > 0) out.push_back(',');
    append_jq_quoted(out, members[i].key);
    out.push_back(':');
    if (members[i].is_object) {
      append_members(out, members[i].children);
    } else {
      out.append(members[i].json);
    }
  }
  out.push_back('}');
}

}  // namespace

tl::expected<std::string, std::string> build_object(std::span<const std::string_view> words,
                                                    std::chrono::system_clock::time_point now) {
  std::vector<Member> members;
  for (const std::string_view word : words) {
    const std::size_t equals = word.find('=');
    if (equals == std::string_view::npos)
      return tl::unexpected(fmt::format("'{}': expected key=value, key:=JSON or key@=text", word));
    const char marker = equals > 0 ? word[equals - 1] : '\0';
    const bool raw = marker == ':';
    const bool forced_string = marker == '@';
    const std::string_view key = word.substr(0, raw || forced_string ? equals - 1 : equals);
    const std::string_view value = word.substr(equals + 1);
    if (key.empty()) return tl::unexpected(fmt::format("'{}': empty key", word));

    std::string json;
    if (raw) {
      JsonDocument document;
      if (auto parsed = document.parse(value); !parsed)
        return tl::unexpected(fmt::format("'{}': invalid JSON at byte {}: {}", word, parsed.error().offset,
                                          parsed.error().reason));
      append_compact(json, document, document.root());
    } else if (forced_string) {
      append_jq_quoted(json, value);
    } else {
      auto typed = typed_value(value, now);
      if (!typed) return tl::unexpected(fmt::format("'{}': {}", word, typed.error()));
      json = std::move(*typed);
    }

    std::vector<std::string_view> segments;
    for (std::size_t start = 0;;) {
      const std::size_t dot = key.find('.', start);
      segments.push_back(
          key.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
      if (segments.back().empty()) return tl::unexpected(fmt::format("'{}': empty key segment", word));
      if (dot == std::string_view::npos) break;
      start = dot + 1;
    }
    // Each segment opens an object. Deeper than mqjson's own parser reads, the result could not be read
    // back, and inserting it recursed once per segment: 500,000 segments overflowed the stack (found by
    // fuzz_mqjson_build).
    if (segments.size() + (raw ? nesting_depth(json) : 0) > JsonDocument::depth_limit)
      return tl::unexpected(
          fmt::format("'{}': nesting deeper than {} levels", word, JsonDocument::depth_limit));
    if (auto inserted = insert(members, segments, std::move(json)); !inserted)
      return tl::unexpected(fmt::format("'{}': {}", word, inserted.error()));
  }
  std::string out;
  append_members(out, members);
  return out;
}

tl::expected<std::vector<std::string>, std::string> split_words(std::string_view line) {
  std::vector<std::string> words;
  std::size_t pos = 0;
  for (;;) {
    while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t' || line[pos] == '\r')) ++pos;
    if (pos >= line.size()) return words;
    std::string& word = words.emplace_back();
    while (pos < line.size() && line[pos] != ' ' && line[pos] != '\t' && line[pos] != '\r') {
      const char c = line[pos];
      if (c != '"' && c != '\'') {
        word.push_back(c);
        ++pos;
        continue;
      }
      const std::size_t open = pos++;
      while (pos < line.size() && line[pos] != c) {
        if (c == '"' && line[pos] == '\\' && pos + 1 < line.size() &&
            (line[pos + 1] == '"' || line[pos + 1] == '\\'))
          ++pos;
        word.push_back(line[pos++]);
      }
      if (pos >= line.size()) return tl::unexpected(fmt::format("unterminated quote at byte {}", open));
      ++pos;
    }
  }
}

}  // namespace mq::mqjson
