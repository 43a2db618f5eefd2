#include "mqsub/print_loop.hpp"

namespace mq::mqsub {

PrintLoop::PrintLoop(PrintLoopSettings settings, MessageFilter filter, MessagePrinter printer,
                     output::Writer& writer)
    : settings_(std::move(settings)),
      filter_(std::move(filter)),
      printer_(std::move(printer)),
      writer_(writer) {}

PrintEnd PrintLoop::consume(const std::vector<output::Message>& batch) {
  PrintEnd end = PrintEnd::running;
  const long printed_before = printed_;
  for (const auto& message : batch) {
    end = handle(message);
    if (end != PrintEnd::running) break;
  }
  if (printed_ == printed_before) return end;
  if (auto done = writer_.message_done(); !done) return write_failure(done.error());
  last_print_time_.store(std::chrono::steady_clock::now());
  return end;
}

PrintEnd PrintLoop::handle(const output::Message& message) {
  if (settings_.marker_topic && message.topic == *settings_.marker_topic)
    return settings_.retained_only ? PrintEnd::retained_done : PrintEnd::running;
  // As mosquitto_sub: the first live message ends --retained-only before any filter looks at it.
  if (settings_.retained_only && !message.retained) return PrintEnd::live_message;
  if (!filter_.keep(message)) return PrintEnd::running;
  if (settings_.remove_retained && message.retained && remove_retained_) remove_retained_(message.topic);
  printer_.append(message, writer_.buffer());
  ++printed_;
  if (settings_.count && printed_ >= *settings_.count) return PrintEnd::count_reached;
  return PrintEnd::running;
}

PrintEnd PrintLoop::flush() {
  if (auto done = writer_.flush(); !done) return write_failure(done.error());
  return PrintEnd::running;
}

PrintEnd PrintLoop::write_failure(const output::WriteFailure& failure) {
  if (failure.broken_pipe) return PrintEnd::output_closed;
  failure_ = failure.reason;
  return PrintEnd::output_failed;
}

}  // namespace mq::mqsub
