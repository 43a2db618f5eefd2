#include "mqjson/engine.hpp"

#include <fmt/format.h>

#include "mq/core/exit_status.hpp"
#include "mq/output/time_text.hpp"

namespace mq::mqjson {
namespace {

bool uses_time(const Path& path) {
  return path.meta == MetaField::time;
}

bool where_uses_time(const WhereExpression& where) {
  for (const WhereNode& node : where.nodes())
    if (uses_time(node.left.path) || uses_time(node.right.path)) return true;
  return false;
}

}  // namespace

Engine::Engine(EngineConfig config, output::Writer& writer, WarningSink warn)
    : config_(std::move(config)),
      writer_(writer),
      warn_(std::move(warn)),
      formatter_(config_.format, config_.labels),
      values_(config_.fields.size()),
      row_(config_.fields.size()),
      cursor_(config_.fields.size()) {
  for (const Path& field : config_.fields) needs_time_ |= uses_time(field);
  if (config_.where) needs_time_ |= where_uses_time(*config_.where);
}

Outcome Engine::process(const output::Message& message) {
  MessageMeta meta;
  meta.known = true;
  meta.topic = message.topic;
  meta.qos = message.qos;
  meta.retained = message.retained;
  meta.message_id = message.qos > 0 ? message.message_id : 0;
  meta.properties = &message.properties;
  if (needs_time_) {
    time_text_.clear();
    output::append_rfc3339_utc_micros(time_text_, output::split_time(message.received_at));
    meta.time = time_text_;
  }
  return process_payload(message.payload, meta, 0);
}

Outcome Engine::reject(std::uint64_t line, std::string_view reason) {
  ++counts_.messages;
  ++counts_.invalid;
  return invalid(line, reason, MessageMeta{});
}

Outcome Engine::process_payload(std::string_view payload, const MessageMeta& meta, std::uint64_t line) {
  ++counts_.messages;
  if (auto parsed = document_.parse(payload); !parsed) {
    ++counts_.invalid;
    return invalid(
        line, fmt::format("invalid JSON at byte {}: {}", parsed.error().offset, parsed.error().reason), meta);
  }
  if (config_.where && !config_.where->matches(&document_, meta)) return Outcome::keep_going;
  for (std::size_t i = 0; i < config_.fields.size(); ++i) {
    values_[i].clear();
    evaluate_path(config_.fields[i], &document_, meta, values_[i]);
  }
  if (config_.require_fields) {
    for (std::size_t i = 0; i < config_.fields.size(); ++i) {
      for (const FieldValue& value : values_[i]) {
        if (value.kind != FieldValue::Kind::missing) continue;
        ++counts_.missing_fields;
        return invalid(line, fmt::format("missing field {}", config_.fields[i].text), meta);
      }
    }
  }
  ++counts_.matched;
  if (const Outcome outcome = emit_rows(&document_); outcome != Outcome::keep_going) return outcome;
  return finish_message();
}

Outcome Engine::invalid(std::uint64_t line, std::string_view reason, const MessageMeta& meta) {
  std::string where;
  if (line > 0 && meta.known) {
    where = fmt::format("line {}, topic {}", line, meta.topic);
  } else if (line > 0) {
    where = fmt::format("line {}", line);
  } else {
    where = fmt::format("topic {}", meta.topic);
  }
  // --on-invalid fail: this payload ends the run, so it is the error line itself, not a warning before one.
  if (config_.on_invalid == OnInvalid::fail) {
    failure_.emplace(exit_status::invalid_data, where, std::string(reason),
                     "--on-invalid skip or null goes on past invalid payloads");
    return Outcome::failed;
  }
  warn_(fmt::format("{}: {}", where, reason));
  switch (config_.on_invalid) {
    case OnInvalid::skip:
      return Outcome::keep_going;
    case OnInvalid::fail:
      return Outcome::failed;
    case OnInvalid::null_row: {
      // Metadata fields still have their values; payload fields are missing.
      for (std::size_t i = 0; i < config_.fields.size(); ++i) {
        values_[i].clear();
        evaluate_path(config_.fields[i], nullptr, meta, values_[i]);
        if (values_[i].empty()) values_[i].push_back(FieldValue{});
      }
      if (const Outcome outcome = emit_rows(nullptr); outcome != Outcome::keep_going) return outcome;
      return Outcome::keep_going;
    }
  }
  return Outcome::keep_going;
}

// One row per combination of the fields' values, the first field varying slowest (like jq's
// `.a[] as $x | .b[] as $y | [$x, $y]`); a field that selects nothing gives no rows.
Outcome Engine::emit_rows(const JsonDocument* document) {
  const std::size_t field_count = config_.fields.size();
  for (std::size_t i = 0; i < field_count; ++i) {
    if (values_[i].empty()) return Outcome::keep_going;
    cursor_[i] = 0;
  }
  std::string& out = writer_.buffer();
  for (;;) {
    for (std::size_t i = 0; i < field_count; ++i) row_[i] = values_[i][cursor_[i]];
    formatter_.append_row(out, document, row_);
    out.push_back(config_.row_terminator);
    // Advance like an odometer, the last field fastest.
    bool advanced = false;
    for (std::size_t field = field_count; field > 0 && !advanced; --field) {
      advanced = ++cursor_[field - 1] < values_[field - 1].size();
      if (!advanced) cursor_[field - 1] = 0;
    }
    if (!advanced) break;
  }
  auto written = writer_.message_done();
  if (!written) {
    if (!written.error().broken_pipe) write_error_ = written.error().reason;
    return Outcome::output_closed;
  }
  return Outcome::keep_going;
}

Outcome Engine::finish_message() {
  if (config_.max_matches && counts_.matched >= *config_.max_matches) return Outcome::count_reached;
  return Outcome::keep_going;
}

}  // namespace mq::mqjson
