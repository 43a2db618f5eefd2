#include "mqsub/printer.hpp"

#include "mq/output/json_line.hpp"
#include "mqsub/pretty_json.hpp"

namespace mq::mqsub {
namespace {

bool is_json_code(const output::FormatPart& part) {
  return part.kind == output::FormatPart::Kind::field && (part.code == 'j' || part.code == 'J');
}

// Without --pretty the whole format is one segment; with it, each %j/%J stands alone between the others.
std::vector<output::Format> split_for_pretty(const output::Format& whole) {
  std::vector<output::Format> pieces;
  for (const auto& part : whole.parts) {
    if (pieces.empty() || is_json_code(part) || is_json_code(pieces.back().parts.back()))
      pieces.emplace_back();
    pieces.back().parts.push_back(part);
    pieces.back().needs_local_time = whole.needs_local_time;
  }
  return pieces;
}

}  // namespace

tl::expected<MessagePrinter, std::string> MessagePrinter::create(const PrintSettings& settings) {
  MessagePrinter printer;
  printer.settings_ = settings;
  if (settings.style != PrintStyle::format) return printer;
  auto parsed = output::parse_format(settings.format_text);
  if (!parsed) return tl::make_unexpected(parsed.error());
  if (!settings.pretty) {
    printer.segments_.push_back({std::move(*parsed), false});
    return printer;
  }
  for (auto& piece : split_for_pretty(*parsed)) {
    const bool is_json = piece.parts.size() == 1 && is_json_code(piece.parts.front());
    printer.segments_.push_back({std::move(piece), is_json});
  }
  return printer;
}

void MessagePrinter::append(const output::Message& message, std::string& out) {
  switch (settings_.style) {
    case PrintStyle::payload:
      // As mosquitto_sub: an empty payload prints nothing at all, not even the record end.
      if (message.payload.empty()) return;
      out += message.payload;
      break;
    case PrintStyle::topic_and_payload:
      out += message.topic;
      // As mosquitto_sub -v: an empty payload shows as "(null)".
      out += message.payload.empty() ? std::string_view(" (null)") : std::string_view(" ");
      out += message.payload;
      break;
    case PrintStyle::format:
      for (const auto& segment : segments_) {
        if (!segment.is_json) {
          output::render(segment.format, message, out);
          continue;
        }
        scratch_.clear();
        output::render(segment.format, message, scratch_);
        append_pretty_json(scratch_, out);
      }
      break;
    case PrintStyle::json:
      if (!settings_.pretty) {
        output::render_json_line(message, out);
        break;
      }
      scratch_.clear();
      output::render_json_line(message, scratch_);
      append_pretty_json(scratch_, out);
      break;
  }
  out += settings_.record_end;
}

}  // namespace mq::mqsub
