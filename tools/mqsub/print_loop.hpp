#pragma once
// The writer thread's work: for each received message, in arrival order, decide (filters, --retained-only),
// act (--remove-retained), print through the one buffered writer and count (-C). Single-threaded by design:
// only the writer thread touches it, except last_print_time() which the main thread reads for --idle-timeout.
#include <atomic>
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "mq/output/message.hpp"
#include "mq/output/writer.hpp"
#include "mqsub/filters.hpp"
#include "mqsub/printer.hpp"

namespace mq::mqsub {

enum class PrintEnd {
  running,
  count_reached,  // -C N printed
  live_message,   // --retained-only met a message that was not retained
  retained_done,  // --retained-only: our marker arrived after every retained message
  output_closed,  // EPIPE: the reader went away (`| head -n 1`)
  output_failed,  // any other write error
};

struct PrintLoopSettings {
  std::optional<long> count;
  bool retained_only = false;
  bool remove_retained = false;
  std::optional<std::string> marker_topic;  // --retained-only's end marker: never printed
};

class PrintLoop {
 public:
  using RemoveRetained = std::function<void(const std::string& topic)>;

  PrintLoop(PrintLoopSettings settings, MessageFilter filter, MessagePrinter printer, output::Writer& writer);
  // --remove-retained: called (on the writer thread) for each retained message that is printed.
  void on_remove_retained(RemoveRetained remove_retained) { remove_retained_ = std::move(remove_retained); }

  // Handles a batch; returns the reason to stop, or PrintEnd::running. Writes reach the fd at the end of the
  // batch (per the writer's policy), so a burst costs one write on a pipe, not one per message.
  PrintEnd consume(const std::vector<output::Message>& batch);
  // Writes what is buffered; returns output_closed/output_failed when that fails.
  PrintEnd flush();

  long printed() const { return printed_; }
  const std::string& failure() const { return failure_; }
  std::chrono::steady_clock::time_point last_print_time() const { return last_print_time_.load(); }

 private:
  PrintEnd handle(const output::Message& message);
  PrintEnd write_failure(const output::WriteFailure& failure);

  PrintLoopSettings settings_;
  MessageFilter filter_;
  MessagePrinter printer_;
  output::Writer& writer_;
  RemoveRetained remove_retained_;
  long printed_ = 0;
  std::string failure_;
  std::atomic<std::chrono::steady_clock::time_point> last_print_time_{std::chrono::steady_clock::now()};
};

}  // namespace mq::mqsub
