#pragma once
// The field paths mqjson understands: a documented subset of jq's path syntax, RFC 6901 pointers, and the
// message's metadata.
//
//   .                 the whole document
//   .a.b  ."a b"      object members (identifiers: letters, digits, '_', not starting with a digit)
//   .a[0] .a[-1]      array elements, negative from the end (out of range: missing)
//   .["key.with.dots"] .a["k"]   members by any name (JSON string escapes)
//   .a[]              every element of an array or value of an object: one row per element; nothing to
//                     iterate (missing, null, a scalar) gives no rows, like jq's `.a[]?`
//   /a/b/0            RFC 6901 pointer (~1 is '/', ~0 is '~'); a number token indexes arrays and names
//   members $topic $topic[N]  the topic, or one level of it (0 is the first, -1 the last) $qos $retain $mid
//   $time   QoS, retain flag, message id (QoS > 0), receive time (RFC 3339 UTC) $prop.NAME        a v5
//   property: content-type, response-topic, correlation-data, message-expiry-interval,
//                     payload-format-indicator, topic-alias, subscription-identifier; any other NAME is the
//                     first user property of that name
//
// Unlike jq, indexing something that is not an object or array gives "missing" instead of an error.
#include <cstdint>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

namespace mq::mqjson {

struct PathStep {
  enum class Kind : std::uint8_t {
    member,         // .name / ["name"]
    index,          // [N]
    iterate,        // []
    pointer_token,  // /token: index on arrays (when numeric), member on objects
  };
  Kind kind = Kind::member;
  std::string name;        // member and pointer_token
  std::int64_t index = 0;  // index; pointer_token when numeric
  bool numeric = false;    // pointer_token: the token is an array index
};

enum class MetaField : std::uint8_t { none, topic, topic_level, qos, retain, mid, time, property };

struct Path {
  std::string text;  // as written, for --json keys and messages
  MetaField meta = MetaField::none;
  std::int64_t topic_level = 0;
  std::string property;  // $prop.NAME
  std::vector<PathStep> steps;

  bool iterates() const;
};

// Errors read "column N: <why>"; columns count bytes from `first_column`, the column of text[0] (where the
// path sits inside a longer text such as a --where expression).
tl::expected<Path, std::string> parse_path(std::string_view text, std::size_t first_column = 1);

}  // namespace mq::mqjson
