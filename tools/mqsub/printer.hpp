#pragma once
// Turns one received message into the bytes mqsub prints: the payload (default), "topic payload" (-v), a -F
// format or a --json line, then the record end ("\n", "\0" with -0, nothing with -N). Parsed once, rendered
// per message into the caller's buffer (the writer's), so the per-message path allocates nothing new.
#include <optional>
#include <string>
#include <tl/expected.hpp>
#include <vector>

#include "mq/output/format.hpp"
#include "mq/output/message.hpp"

namespace mq::mqsub {

enum class PrintStyle { payload, topic_and_payload, format, json };

struct PrintSettings {
  PrintStyle style = PrintStyle::payload;
  std::string format_text;  // PrintStyle::format
  bool pretty = false;      // indent %j, %J and --json
  std::string record_end = "\n";
};

class MessagePrinter {
 public:
  // The error is parse_format's message for a bad -F.
  static tl::expected<MessagePrinter, std::string> create(const PrintSettings& settings);

  void append(const output::Message& message, std::string& out);

 private:
  // With --pretty a format is split so each %j/%J part can be re-indented on its own.
  struct Segment {
    output::Format format;
    bool is_json = false;
  };

  PrintSettings settings_;
  std::vector<Segment> segments_;
  std::string scratch_;
};

}  // namespace mq::mqsub
