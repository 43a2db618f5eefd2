#pragma once
// Evaluating a path against one message: the values it selects, as references into the parsed payload or
// the message's metadata (nothing is copied).
#include <cstdint>
#include <string_view>
#include <vector>

#include "mqjson/json_document.hpp"
#include "mqjson/message_meta.hpp"
#include "mqjson/path.hpp"

namespace mq::mqjson {

struct FieldValue {
  enum class Kind : std::uint8_t {
    missing,  // the path selects nothing there (prints as null, or an empty cell)
    node,     // a node of the payload's document
    bytes,    // a metadata string (raw bytes)
    integer,  // a metadata number
    boolean,  // a metadata flag
  };
  Kind kind = Kind::missing;
  std::uint32_t node = 0;
  std::string_view bytes;
  std::int64_t integer = 0;
  bool boolean = false;
};

// Appends the values `path` selects to `out`: exactly one for paths without [] (possibly missing), any
// number for paths with []. `document` is null when the payload could not be parsed (every payload path
// is then missing).
void evaluate_path(const Path& path, const JsonDocument* document, const MessageMeta& meta,
                   std::vector<FieldValue>& out);

}  // namespace mq::mqjson
