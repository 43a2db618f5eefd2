#pragma once
// The extraction engine: one message in, zero or more rows out. It is fed by the stdin reader (raw lines or
// --envelope lines) and, later, by a subscriber through process(const Message&). Everything it needs per
// message is reused, so a steady stream allocates nothing.
//
// Bad payloads never stop the stream unless asked to: each gets one warning line on stderr
//   mqjson: warning: line 3: invalid JSON at byte 17: <reason>
// and is skipped (on_invalid skip), printed as a row of nulls (null), or ends the run (fail). The same
// goes for a message lacking a field when require_fields is set.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mq/core/error.hpp"
#include "mq/output/message.hpp"
#include "mq/output/writer.hpp"
#include "mqjson/field_value.hpp"
#include "mqjson/json_document.hpp"
#include "mqjson/message_meta.hpp"
#include "mqjson/path.hpp"
#include "mqjson/row_format.hpp"
#include "mqjson/where.hpp"

namespace mq::mqjson {

enum class OnInvalid { skip, null_row, fail };

struct EngineConfig {
  std::vector<Path> fields;
  std::vector<std::string> labels;  // one per field: for --json keys
  RowFormat format = RowFormat::single;
  char row_terminator = '\n';
  std::optional<WhereExpression> where;
  std::optional<std::uint64_t> max_matches;  // -C
  bool require_fields = false;
  OnInvalid on_invalid = OnInvalid::skip;
};

enum class Outcome {
  keep_going,
  count_reached,  // -C N matching messages seen
  failed,         // an invalid message with on_invalid fail
  output_closed,  // the reader of stdout went away (EPIPE): stop quietly
};

struct EngineCounts {
  std::uint64_t messages = 0;
  std::uint64_t matched = 0;
  std::uint64_t invalid = 0;         // payloads that were not JSON (or envelopes that were unreadable)
  std::uint64_t missing_fields = 0;  // messages lacking a --require'd field
};

class Engine {
 public:
  using WarningSink = std::function<void(std::string_view)>;

  Engine(EngineConfig config, output::Writer& writer, WarningSink warn);

  // A message from a subscription.
  Outcome process(const output::Message& message);
  // A payload with what is known about it; `line` (from 1; 0 when not from a line) and the topic name it
  // in warnings: "line 3", "line 3, topic a/b", "topic a/b".
  Outcome process_payload(std::string_view payload, const MessageMeta& meta, std::uint64_t line);
  // A line that could not even be read as a message (a broken --envelope line); counted as invalid.
  Outcome reject(std::uint64_t line, std::string_view reason);

  const EngineCounts& counts() const { return counts_; }
  // Set when an output write failed for another reason than EPIPE.
  const std::optional<std::string>& write_error() const { return write_error_; }
  // With --on-invalid fail: the payload that ended the run, as the error the tool exits with (not warned).
  const std::optional<Error>& failure() const { return failure_; }

 private:
  Outcome emit_rows(const JsonDocument* document);
  Outcome invalid(std::uint64_t line, std::string_view reason, const MessageMeta& meta);
  Outcome finish_message();

  EngineConfig config_;
  output::Writer& writer_;
  WarningSink warn_;
  RowFormatter formatter_;
  bool needs_time_ = false;
  JsonDocument document_;
  std::vector<std::vector<FieldValue>> values_;  // per field
  std::vector<FieldValue> row_;
  std::vector<std::size_t> cursor_;  // per field: the value in the current row
  std::string time_text_;
  EngineCounts counts_;
  std::optional<std::string> write_error_;
  std::optional<Error> failure_;
};

}  // namespace mq::mqjson
