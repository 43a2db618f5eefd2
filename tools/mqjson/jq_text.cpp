#include "mqjson/jq_text.hpp"

#include "mqjson/jq_number.hpp"

namespace mq::mqjson {
namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}

std::uint32_t hex4(std::string_view text) {
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < 4; ++i) value = value * 16 + static_cast<std::uint32_t>(hex_digit(text[i]));
  return value;
}

void append_utf8(std::string& out, std::uint32_t code_point) {
  if (code_point < 0x80) {
    out.push_back(static_cast<char>(code_point));
  } else if (code_point < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (code_point >> 6)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else if (code_point < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (code_point >> 12)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (code_point >> 18)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  }
}

// Walks a string node's text one decoded unit at a time: `on_byte_run` gets runs of literal bytes,
// `on_code_point` gets each escape's code point. The parser has validated the text already.
template <typename ByteRun, typename CodePoint>
void walk_string(std::string_view raw, ByteRun&& on_byte_run, CodePoint&& on_code_point) {
  std::size_t run_start = 0;
  std::size_t pos = 0;
  while (pos < raw.size()) {
    if (raw[pos] != '\\') {
      ++pos;
      continue;
    }
    if (pos > run_start) on_byte_run(raw.substr(run_start, pos - run_start));
    const char escaped = raw[pos + 1];
    std::uint32_t code_point = 0;
    std::size_t consumed = 2;
    switch (escaped) {
      case 'b':
        code_point = '\b';
        break;
      case 'f':
        code_point = '\f';
        break;
      case 'n':
        code_point = '\n';
        break;
      case 'r':
        code_point = '\r';
        break;
      case 't':
        code_point = '\t';
        break;
      case 'u': {
        code_point = hex4(raw.substr(pos + 2));
        consumed = 6;
        if (code_point >= 0xD800 && code_point <= 0xDBFF) {
          const std::uint32_t low = hex4(raw.substr(pos + 8));
          code_point = 0x10000 + ((code_point - 0xD800) << 10) + (low - 0xDC00);
          consumed = 12;
        }
        break;
      }
      default:
        code_point = static_cast<unsigned char>(escaped);
        break;  // " \ /
    }
    on_code_point(code_point);
    pos += consumed;
    run_start = pos;
  }
  if (pos > run_start) on_byte_run(raw.substr(run_start, pos - run_start));
}

void append_escaped_control(std::string& out, std::uint32_t code_point) {
  static constexpr char hex[] = "0123456789abcdef";
  switch (code_point) {
    case '\b':
      out.append("\\b");
      return;
    case '\f':
      out.append("\\f");
      return;
    case '\n':
      out.append("\\n");
      return;
    case '\r':
      out.append("\\r");
      return;
    case '\t':
      out.append("\\t");
      return;
    default:
      break;
  }
  out.append("\\u00");
  out.push_back(hex[(code_point >> 4) & 0xF]);
  out.push_back(hex[code_point & 0xF]);
}

void append_jq_code_point(std::string& out, std::uint32_t code_point) {
  if (code_point < 0x20 || code_point == 0x7F) {
    append_escaped_control(out, code_point);
  } else if (code_point == '"' || code_point == '\\') {
    out.push_back('\\');
    out.push_back(static_cast<char>(code_point));
  } else {
    append_utf8(out, code_point);
  }
}

// Bytes of a string node outside escapes: valid UTF-8 without control characters, quotes or backslashes;
// only DEL needs escaping.
void append_plain_run(std::string& out, std::string_view run) {
  std::size_t start = 0;
  for (std::size_t pos = 0; pos < run.size(); ++pos) {
    if (run[pos] != '\x7f') continue;
    out.append(run.substr(start, pos - start));
    out.append("\\u007f");
    start = pos + 1;
  }
  out.append(run.substr(start));
}

// Index of the value of the last member named like the key at `key_index`, scanning from `from`.
std::uint32_t last_value_for_key(const JsonDocument& document, std::uint32_t key_index, std::uint32_t from,
                                 std::uint32_t object_end) {
  const JsonNode& key = document.node(key_index);
  std::uint32_t found = key_index + 1;
  for (std::uint32_t member = from; member < object_end; member = document.node(member + 1).end) {
    const JsonNode& other = document.node(member);
    if (other.length == key.length && document.text_of(other) == document.text_of(key)) {
      found = member + 1;
    } else if (key.has_escapes || other.has_escapes) {
      std::string decoded;
      append_decoded_string(decoded, document.text_of(key), key.has_escapes);
      if (key_equals(document.text_of(other), other.has_escapes, decoded)) found = member + 1;
    }
  }
  return found;
}

bool key_seen_before(const JsonDocument& document, std::uint32_t object_index, std::uint32_t key_index) {
  const JsonNode& key = document.node(key_index);
  for (std::uint32_t member = object_index + 1; member < key_index; member = document.node(member + 1).end) {
    const JsonNode& other = document.node(member);
    if (document.text_of(other) == document.text_of(key)) return true;
    if (key.has_escapes || other.has_escapes) {
      std::string decoded;
      append_decoded_string(decoded, document.text_of(key), key.has_escapes);
      if (key_equals(document.text_of(other), other.has_escapes, decoded)) return true;
    }
  }
  return false;
}

}  // namespace

void append_decoded_string(std::string& out, std::string_view raw, bool has_escapes) {
  if (!has_escapes) {
    out.append(raw);
    return;
  }
  walk_string(
      raw, [&](std::string_view run) { out.append(run); },
      [&](std::uint32_t code_point) { append_utf8(out, code_point); });
}

void append_jq_string_node(std::string& out, std::string_view raw, bool has_escapes) {
  out.push_back('"');
  if (!has_escapes) {
    append_plain_run(out, raw);
  } else {
    walk_string(
        raw, [&](std::string_view run) { append_plain_run(out, run); },
        [&](std::uint32_t code_point) { append_jq_code_point(out, code_point); });
  }
  out.push_back('"');
}

void append_jq_quoted(std::string& out, std::string_view bytes) {
  out.push_back('"');
  std::size_t pos = 0;
  while (pos < bytes.size()) {
    const auto byte = static_cast<unsigned char>(bytes[pos]);
    if (byte < 0x80) {
      append_jq_code_point(out, byte);
      ++pos;
      continue;
    }
    const std::size_t length = utf8_sequence_length(bytes.substr(pos));
    if (length == 0) {
      out.append("\xEF\xBF\xBD");
      ++pos;
    } else {
      out.append(bytes.substr(pos, length));
      pos += length;
    }
  }
  out.push_back('"');
}

bool key_equals(std::string_view raw, bool has_escapes, std::string_view key) {
  if (!has_escapes) return raw == key;
  std::size_t matched = 0;
  bool equal = true;
  const auto compare = [&](std::string_view part) {
    if (!equal) return;
    if (key.substr(matched, part.size()) != part) {
      equal = false;
      return;
    }
    matched += part.size();
  };
  walk_string(raw, compare, [&](std::uint32_t code_point) {
    std::string encoded;  // at most 4 bytes: stays in the small-string buffer
    append_utf8(encoded, code_point);
    compare(encoded);
  });
  return equal && matched == key.size();
}

// Repeated keys are rare, so the quadratic scans are cheap in practice.
std::uint32_t jq_member_value(const JsonDocument& document, std::uint32_t object, std::uint32_t member) {
  if (member != object + 1 && key_seen_before(document, object, member)) return 0;
  const JsonNode& node = document.node(object);
  return last_value_for_key(document, member, document.node(member + 1).end, node.end);
}

void append_compact(std::string& out, const JsonDocument& document, std::uint32_t index) {
  const JsonNode& node = document.node(index);
  switch (node.kind) {
    case JsonKind::null_value:
      out.append("null");
      return;
    case JsonKind::false_value:
      out.append("false");
      return;
    case JsonKind::true_value:
      out.append("true");
      return;
    case JsonKind::number:
      append_jq_number(out, document.text_of(node));
      return;
    case JsonKind::string:
      append_jq_string_node(out, document.text_of(node), node.has_escapes);
      return;
    case JsonKind::array: {
      out.push_back('[');
      for (std::uint32_t element = index + 1; element < node.end; element = document.node(element).end) {
        if (element != index + 1) out.push_back(',');
        append_compact(out, document, element);
      }
      out.push_back(']');
      return;
    }
    case JsonKind::object: {
      out.push_back('{');
      bool first = true;
      for (std::uint32_t member = index + 1; member < node.end; member = document.node(member + 1).end) {
        const std::uint32_t value = jq_member_value(document, index, member);
        if (value == 0) continue;
        if (!first) out.push_back(',');
        first = false;
        const JsonNode& key = document.node(member);
        append_jq_string_node(out, document.text_of(key), key.has_escapes);
        out.push_back(':');
        append_compact(out, document, value);
      }
      out.push_back('}');
      return;
    }
  }
}

}  // namespace mq::mqjson
