#include "mq/output/format.hpp"

#include <array>
#include <cstdio>
#include <cstring>
#include <optional>

#include "mq/output/json_envelope.hpp"
#include "mq/output/json_text.hpp"
#include "mq/output/time_text.hpp"

namespace mq::output {
namespace {

// How a code's value is laid out in its field, observed from mosquitto_sub 2.0.11.
enum class Layout {
  bare,           // width, flags and precision are accepted and ignored (%q %r %D %P %U %j %J %%)
  text,           // width pads with spaces ('0' ignored), '-' left-aligns, precision truncates (%t %I %C %R)
  fixed_payload,  // width is an exact field: the payload is cut to it or padded, '0' pads with zeros (%p)
  number,         // width pads, '0' pads with zeros unless '-'; precision ignored (%m %l %A %E %F %S)
  hex,            // like number; precision groups the digits (mosquitto 2.1) (%x %X)
  printf_float,   // the printf pattern built at parse time does everything (%f %d, mosquitto 2.1)
};

struct RenderContext {
  const Message& message;
  const SplitTime& time;
  const FormatPart& part;
};

// Appends the bare value; returns false when the message has no such value (an absent v5 property).
using FieldRenderer = bool (*)(const RenderContext&, std::string&);

struct FieldCode {
  char code = 0;
  Layout layout = Layout::bare;
  bool pad_when_absent = true;  // mosquitto pads an absent %C or number to the width, but not an absent %R
  FieldRenderer render = nullptr;
};

bool render_topic(const RenderContext& context, std::string& out) {
  out.append(context.message.topic);
  return true;
}

bool render_payload(const RenderContext& context, std::string& out) {
  out.append(context.message.payload);
  return true;
}

bool render_qos(const RenderContext& context, std::string& out) {
  append_decimal(out, static_cast<std::uint64_t>(context.message.qos));
  return true;
}

bool render_retained(const RenderContext& context, std::string& out) {
  out.push_back(context.message.retained ? '1' : '0');
  return true;
}

bool render_message_id(const RenderContext& context, std::string& out) {
  append_decimal(out, static_cast<std::uint64_t>(context.message.message_id));
  return true;
}

bool render_payload_length(const RenderContext& context, std::string& out) {
  append_decimal(out, context.message.payload.size());
  return true;
}

void append_hex(std::string& out, std::string_view bytes, const FormatSpec& spec, const char* digits) {
  // Precision N (mosquitto 2.1) puts the separator between groups of N hex digits.
  const auto group = static_cast<std::size_t>(spec.precision > 0 ? spec.precision : 0);
  std::size_t written = 0;
  for (const char byte : bytes) {
    const auto value = static_cast<unsigned>(static_cast<unsigned char>(byte));
    for (const unsigned nibble : {value >> 4U, value & 0xFU}) {
      if (group != 0 && written != 0 && written % group == 0) out.push_back(spec.hex_separator);
      out.push_back(digits[nibble]);
      ++written;
    }
  }
}

bool render_hex_lower(const RenderContext& context, std::string& out) {
  append_hex(out, context.message.payload, context.part.spec, "0123456789abcdef");
  return true;
}

bool render_hex_upper(const RenderContext& context, std::string& out) {
  append_hex(out, context.message.payload, context.part.spec, "0123456789ABCDEF");
  return true;
}

bool render_iso8601(const RenderContext& context, std::string& out) {
  append_iso8601_local(out, context.time.local);
  return true;
}

bool render_unix_time(const RenderContext& context, std::string& out) {
  append_unix_nanoseconds(out, context.time);
  return true;
}

bool render_json_escaped(const RenderContext& context, std::string& out) {
  append_json_envelope(out, context.message, context.time, EnvelopePayload::escaped_string);
  return true;
}

bool render_json_inline(const RenderContext& context, std::string& out) {
  append_json_envelope(out, context.message, context.time, EnvelopePayload::inline_json);
  return true;
}

template <typename Number>
bool append_optional_number(const std::optional<Number>& value, std::string& out) {
  if (!value) return false;
  append_decimal(out, *value);
  return true;
}

bool append_optional_text(const std::optional<std::string>& value, std::string& out) {
  if (!value) return false;
  out.append(*value);
  return true;
}

bool render_topic_alias(const RenderContext& context, std::string& out) {
  return append_optional_number(context.message.properties.topic_alias, out);
}

bool render_content_type(const RenderContext& context, std::string& out) {
  return append_optional_text(context.message.properties.content_type, out);
}

bool render_correlation_data(const RenderContext& context, std::string& out) {
  return append_optional_text(context.message.properties.correlation_data, out);
}

bool render_expiry_interval(const RenderContext& context, std::string& out) {
  return append_optional_number(context.message.properties.message_expiry_interval, out);
}

bool render_payload_format(const RenderContext& context, std::string& out) {
  return append_optional_number(context.message.properties.payload_format_indicator, out);
}

bool render_user_properties(const RenderContext& context, std::string& out) {
  const auto& pairs = context.message.properties.user_properties;
  for (std::size_t index = 0; index < pairs.size(); ++index) {
    if (index != 0) out.push_back(' ');
    out.append(pairs[index].first);
    out.push_back(':');
    out.append(pairs[index].second);
  }
  return !pairs.empty();
}

bool render_response_topic(const RenderContext& context, std::string& out) {
  return append_optional_text(context.message.properties.response_topic, out);
}

bool render_subscription_ids(const RenderContext& context, std::string& out) {
  // mosquitto_sub only ever subscribes with one identifier; a message matching several of our subscriptions
  // carries several, which we list separated by commas.
  const auto& identifiers = context.message.properties.subscription_identifiers;
  for (std::size_t index = 0; index < identifiers.size(); ++index) {
    if (index != 0) out.push_back(',');
    append_decimal(out, identifiers[index]);
  }
  return !identifiers.empty();
}

// %f and %d read the payload as a host-order IEEE-754 float/double, as mosquitto 2.1 does. A payload of any
// other size prints nothing: render() has no error channel and one odd message must not stop a subscriber.
template <typename Floating>
bool render_floating(const RenderContext& context, std::string& out) {
  const std::string& payload = context.message.payload;
  if (payload.size() != sizeof(Floating)) return false;
  Floating value{};
  std::memcpy(&value, payload.data(), sizeof value);
  const char* pattern = context.part.text.c_str();
  const int length = std::snprintf(nullptr, 0, pattern, static_cast<double>(value));
  if (length <= 0) return false;
  const std::size_t mark = out.size();
  out.resize(mark + static_cast<std::size_t>(length) + 1);
  std::snprintf(out.data() + mark, static_cast<std::size_t>(length) + 1, pattern, static_cast<double>(value));
  out.resize(mark + static_cast<std::size_t>(length));
  return true;
}

bool render_percent(const RenderContext&, std::string& out) {
  out.push_back('%');
  return true;
}

constexpr std::array<FieldCode, 24> field_codes{{
    {'t', Layout::text, true, render_topic},
    {'p', Layout::fixed_payload, true, render_payload},
    {'q', Layout::bare, true, render_qos},
    {'r', Layout::bare, true, render_retained},
    {'m', Layout::number, true, render_message_id},
    {'l', Layout::number, true, render_payload_length},
    {'x', Layout::hex, true, render_hex_lower},
    {'X', Layout::hex, true, render_hex_upper},
    {'I', Layout::text, true, render_iso8601},
    {'U', Layout::bare, true, render_unix_time},
    {'j', Layout::bare, true, render_json_escaped},
    {'J', Layout::bare, true, render_json_inline},
    {'A', Layout::number, true, render_topic_alias},
    {'C', Layout::text, true, render_content_type},
    {'D', Layout::bare, true, render_correlation_data},
    {'E', Layout::number, true, render_expiry_interval},
    {'F', Layout::number, true, render_payload_format},
    {'P', Layout::bare, true, render_user_properties},
    {'R', Layout::text, false, render_response_topic},
    {'S', Layout::number, true, render_subscription_ids},
    {'f', Layout::printf_float, true, render_floating<float>},
    {'d', Layout::printf_float, true, render_floating<double>},
    {'%', Layout::bare, true, render_percent},
    {'\0', Layout::bare, true, nullptr},  // keeps the lookup below free of a bounds check
}};

// Indexed by the code letter, so rendering costs one array load per field.
constexpr std::array<const FieldCode*, 128> field_code_index = [] {
  std::array<const FieldCode*, 128> index{};
  for (const FieldCode& entry : field_codes) {
    if (entry.code != '\0') index[static_cast<unsigned char>(entry.code)] = &entry;  // not render: UBSan makes that non-constant
  }
  return index;
}();

const FieldCode* find_field_code(char code) {
  const auto key = static_cast<unsigned char>(code);
  return key < field_code_index.size() ? field_code_index[key] : nullptr;
}

constexpr bool needs_local_time(char code) {
  return code == 'I' || code == 'j' || code == 'J';
}

// Separators mosquitto 2.1 accepts in %.N<c>x.
constexpr std::string_view hex_separators = "!\"#$&'()*+,-./:;<=>?@[\\]^_`{|}~";

std::optional<char> escaped_byte(char letter) {
  switch (letter) {
    case '\\':
      return '\\';
    case '0':
      return '\0';
    case 'a':
      return '\a';
    case 'e':
      return '\x1b';
    case 'n':
      return '\n';
    case 'r':
      return '\r';
    case 't':
      return '\t';
    case 'v':
      return '\v';
    default:
      return std::nullopt;
  }
}

// Widths beyond this would turn each message into megabytes; mosquitto accepts them, we refuse.
constexpr int max_width = 65536;

class FormatParser {
 public:
  explicit FormatParser(std::string_view text) : text_(text) {}

  tl::expected<Format, std::string> run() {
    while (at_ < text_.size()) {
      const char c = text_[at_];
      tl::expected<void, std::string> step;
      if (c == '%') {
        step = field();
      } else if (c == '@') {
        step = time_code();
      } else if (c == '\\') {
        step = escape();
      } else {
        literal_byte(c);
        ++at_;
      }
      if (!step) return tl::make_unexpected(step.error());
    }
    return std::move(format_);
  }

 private:
  std::string_view text_;
  std::size_t at_ = 0;
  Format format_;

  static std::string see_also() { return " (see the -F codes in mqsub(1))"; }

  std::string position_of(std::size_t start) const { return std::to_string(start + 1); }

  // The text of a code from its start through the byte at `end`, widened to a whole UTF-8 character so the
  // message stays readable.
  std::string code_text(std::size_t start, std::size_t end) const {
    std::size_t stop = end + 1;
    while (stop < text_.size() && (static_cast<unsigned char>(text_[stop]) & 0xC0U) == 0x80U &&
           (static_cast<unsigned char>(text_[end]) & 0x80U) != 0) {
      ++stop;
    }
    return std::string(text_.substr(start, stop - start));
  }

  tl::unexpected<std::string> incomplete(std::string_view what, std::size_t start) const {
    return tl::make_unexpected("incomplete " + std::string(what) + " '" + std::string(text_.substr(start)) +
                               "' at the end of the format" + see_also());
  }

  void literal_byte(char c) {
    if (format_.parts.empty() || format_.parts.back().kind != FormatPart::Kind::literal) {
      format_.parts.push_back(FormatPart{});
    }
    format_.parts.back().text.push_back(c);
  }

  // Reads digits at the cursor; false when the number exceeds max_width.
  bool number(int& value) {
    value = 0;
    bool fits = true;
    while (at_ < text_.size() && text_[at_] >= '0' && text_[at_] <= '9') {
      if (fits) value = value * 10 + (text_[at_] - '0');
      fits = fits && value <= max_width;
      ++at_;
    }
    return fits;
  }

  tl::expected<void, std::string> field() {
    const std::size_t start = at_++;
    FormatSpec spec;
    if (at_ < text_.size() && text_[at_] == '-') {
      spec.left_align = true;
      ++at_;
    }
    if (at_ < text_.size() && text_[at_] == '0') {
      spec.zero_pad = true;
      ++at_;
    }
    const auto too_large = [&] {
      return tl::make_unexpected("width or precision too large in format code '" + code_text(start, at_ - 1) +
                                 "' at position " + position_of(start) + " (at most " +
                                 std::to_string(max_width) + ")");
    };
    if (!number(spec.width)) return too_large();
    if (at_ < text_.size() && text_[at_] == '.') {
      ++at_;
      if (!number(spec.precision)) return too_large();
      if (at_ + 1 < text_.size() && hex_separators.find(text_[at_]) != std::string_view::npos &&
          (text_[at_ + 1] == 'x' || text_[at_ + 1] == 'X')) {
        spec.hex_separator = text_[at_++];
      }
    }
    if (at_ >= text_.size()) return incomplete("format code", start);
    const char code = text_[at_];
    const FieldCode* entry = find_field_code(code);
    if (entry == nullptr) {
      return tl::make_unexpected("unknown format code '" + code_text(start, at_) + "' at position " +
                                 position_of(start) + see_also());
    }
    ++at_;
    if (code == '%') {
      literal_byte('%');
      return {};
    }
    FormatPart part;
    part.kind = FormatPart::Kind::field;
    part.code = code;
    part.spec = spec;
    if (entry->layout == Layout::printf_float) part.text = printf_pattern(spec);
    format_.needs_local_time = format_.needs_local_time || needs_local_time(code);
    format_.parts.push_back(std::move(part));
    return {};
  }

  static std::string printf_pattern(const FormatSpec& spec) {
    std::string pattern = "%";
    if (spec.left_align) pattern.push_back('-');
    if (spec.zero_pad) pattern.push_back('0');
    if (spec.width > 0) pattern += std::to_string(spec.width);
    if (spec.precision >= 0) pattern += "." + std::to_string(spec.precision);
    pattern.push_back('f');
    return pattern;
  }

  tl::expected<void, std::string> time_code() {
    const std::size_t start = at_++;
    if (at_ >= text_.size()) return incomplete("time code", start);
    const char code = text_[at_++];
    if (code == '@') {
      literal_byte('@');
      return {};
    }
    FormatPart part;
    part.kind = FormatPart::Kind::time;
    part.code = code;
    format_.needs_local_time = format_.needs_local_time || code != 'N';
    format_.parts.push_back(std::move(part));
    return {};
  }

  tl::expected<void, std::string> escape() {
    const std::size_t start = at_++;
    if (at_ >= text_.size()) return incomplete("escape", start);
    const std::optional<char> byte = escaped_byte(text_[at_]);
    if (!byte) {
      return tl::make_unexpected("unknown escape '" + code_text(start, at_) + "' at position " +
                                 position_of(start) + see_also());
    }
    ++at_;
    literal_byte(*byte);
    return {};
  }
};

void pad(std::string& out, std::size_t mark, std::size_t width, char fill, bool left_align) {
  const std::size_t length = out.size() - mark;
  if (length >= width) return;
  if (left_align) {
    out.append(width - length, ' ');
  } else {
    out.insert(mark, width - length, fill);
  }
}

void render_field(const FormatPart& part, const Message& message, const SplitTime& time, std::string& out) {
  const FieldCode& entry = *find_field_code(part.code);
  const FormatSpec& spec = part.spec;
  const std::size_t mark = out.size();
  const bool present = entry.render(RenderContext{message, time, part}, out);
  if (!present && !entry.pad_when_absent) return;
  const auto width = static_cast<std::size_t>(spec.width);
  const char number_fill = spec.zero_pad && !spec.left_align ? '0' : ' ';
  switch (entry.layout) {
    case Layout::bare:
    case Layout::printf_float:
      return;
    case Layout::text:
      if (spec.precision >= 0 && out.size() - mark > static_cast<std::size_t>(spec.precision)) {
        out.resize(mark + static_cast<std::size_t>(spec.precision));
      }
      pad(out, mark, width, ' ', spec.left_align);
      return;
    case Layout::fixed_payload:
      // mosquitto prints the payload with "%*.*s" semantics, width as both minimum and maximum.
      if (width > 0 && out.size() - mark > width) out.resize(mark + width);
      pad(out, mark, width, number_fill, spec.left_align);
      return;
    case Layout::number:
    case Layout::hex:
      // mosquitto 2.0.11 mangles %x with a width (it prints part of the payload); this is 2.1's fixed form.
      pad(out, mark, width, number_fill, spec.left_align);
      return;
  }
}

}  // namespace

tl::expected<Format, std::string> parse_format(std::string_view text) {
  return FormatParser(text).run();
}

void render(const Format& format, const Message& message, std::string& out) {
  SplitTime time = split_time(message.received_at);
  if (format.needs_local_time) fill_local_time(time);
  for (const FormatPart& part : format.parts) {
    switch (part.kind) {
      case FormatPart::Kind::literal:
        out.append(part.text);
        break;
      case FormatPart::Kind::field:
        render_field(part, message, time, out);
        break;
      case FormatPart::Kind::time:
        if (part.code == 'N') {
          const std::size_t mark = out.size();
          append_decimal(out, static_cast<std::uint64_t>(time.nanoseconds));
          pad(out, mark, 9, '0', false);
        } else {
          append_strftime_code(out, time.local, part.code);
        }
        break;
    }
  }
}

}  // namespace mq::output
