#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>

#include "mq/cli/tool_runner.hpp"
#include "mq/core/error.hpp"
#include "mq/core/exit_status.hpp"
#include "mq/output/writer.hpp"
#include "mqjson/build.hpp"
#include "mqjson/engine_config.hpp"
#include "mqjson/envelope.hpp"
#include "mqjson/line_reader.hpp"
#include "mqjson/mqjson.hpp"
#include "mqjson/subscribe_mode.hpp"

// Exit status: 0 when the input was read to its end (invalid payloads skipped or printed as null rows are
// warned about one by one and counted on stderr at exit, they do not change the status), 0 after -C N
// matching messages or when the reader of our output goes away, 47 at the first invalid payload with
// --on-invalid fail, 46 when reading stdin or writing stdout fails, 1 for usage errors.
namespace mq::mqjson {
namespace {

constexpr std::string_view tool_name = "mqjson";

void warn(std::string_view text) {
  cli::print_warning(tool_name, text);
}

// Flushes what is left; EPIPE is a quiet end, other failures an I/O error.
int finish_output(output::Writer& writer, int status) {
  auto flushed = writer.flush();
  if (!flushed && !flushed.error().broken_pipe)
    throw Error(exit_status::io_error, "writing output", flushed.error().reason);
  return status;
}

// The closing count is a summary, not a warning: "mqjson: 2 invalid payloads skipped".
void summarize(std::string_view text) {
  fmt::print(stderr, "{}: {}\n", tool_name, text);
}

void report_counts(const EngineCounts& counts, OnInvalid on_invalid) {
  const std::string_view fate = on_invalid == OnInvalid::null_row ? "printed as null" : "skipped";
  if (counts.invalid > 0)
    summarize(fmt::format("{} invalid payload{} {}", counts.invalid, counts.invalid == 1 ? "" : "s", fate));
  if (counts.missing_fields > 0)
    summarize(fmt::format("{} message{} without a required field {}", counts.missing_fields,
                          counts.missing_fields == 1 ? "" : "s", fate));
}

int run_build_once(const Options& options, output::Writer& writer) {
  const std::vector<std::string_view> words(options.arguments.begin(), options.arguments.end());
  auto object = build_object(words, std::chrono::system_clock::now());
  if (!object)
    throw Error(exit_status::usage, "--build", object.error(), "e.g. mqjson --build temp=21.5 name=kitchen");
  writer.append(*object);
  writer.buffer().push_back(options.null_separated ? '\0' : '\n');
  return finish_output(writer, exit_status::ok);
}

int run_build_lines(const Options& options, output::Writer& writer) {
  if (!options.arguments.empty())
    throw Error(exit_status::usage, "--build -l", "words come from the input lines, not the command line");
  LineReader reader(STDIN_FILENO, options.null_separated ? '\0' : '\n');
  std::uint64_t line_number = 0;
  std::uint64_t invalid = 0;
  for (;;) {
    auto line = reader.next();
    if (!line) throw Error(exit_status::io_error, "reading standard input", line.error());
    if (!*line) break;
    ++line_number;
    auto words = split_words(**line);
    tl::expected<std::string, std::string> object = tl::unexpected(std::string());
    if (words) {
      if (words->empty()) continue;
      const std::vector<std::string_view> views(words->begin(), words->end());
      object = build_object(views, std::chrono::system_clock::now());
    } else {
      object = tl::unexpected(words.error());
    }
    if (!object) {
      ++invalid;
      if (options.on_invalid == "fail") {
        finish_output(writer, exit_status::invalid_data);  // the lines before it are out
        throw Error(exit_status::invalid_data, fmt::format("line {}", line_number), object.error(),
                    "--on-invalid skip goes on past invalid lines");
      }
      warn(fmt::format("line {}: {}", line_number, object.error()));
      continue;
    }
    writer.append(*object);
    writer.buffer().push_back(options.null_separated ? '\0' : '\n');
    if (auto done = writer.message_done(); !done) {
      if (done.error().broken_pipe) return exit_status::ok;
      throw Error(exit_status::io_error, "writing output", done.error().reason);
    }
  }
  if (invalid > 0) summarize(fmt::format("{} invalid line{} skipped", invalid, invalid == 1 ? "" : "s"));
  return finish_output(writer, exit_status::ok);
}

int run_extract(const Options& options, output::Writer& writer) {
  EngineConfig config = make_engine_config(options);
  const OnInvalid on_invalid = config.on_invalid;
  Engine engine(std::move(config), writer, warn);
  if (!options.topics.empty()) {
    if (options.envelope) throw Error(exit_status::usage, "--envelope", "reads stdin; it cannot be combined with -t");
    const int status = run_subscriber(options, engine, writer);
    if (status != exit_status::invalid_data) report_counts(engine.counts(), on_invalid);
    return status;
  }
  if (options.timeout) throw Error(exit_status::usage, "-W", "only applies with -t", "add -t FILTER to subscribe");
  LineReader reader(STDIN_FILENO, options.null_separated ? '\0' : '\n');
  EnvelopeReader envelope;
  const MessageMeta unknown_meta;
  std::uint64_t line_number = 0;
  Outcome outcome = Outcome::keep_going;
  while (outcome == Outcome::keep_going) {
    auto line = reader.next();
    if (!line) throw Error(exit_status::io_error, "reading standard input", line.error());
    if (!*line) break;
    ++line_number;
    // Blank lines hold no document, as in jq.
    if ((*line)->find_first_not_of(" \t\r") == std::string_view::npos) continue;
    if (!options.envelope) {
      outcome = engine.process_payload(**line, unknown_meta, line_number);
    } else if (auto read = envelope.read(**line); read) {
      outcome = engine.process_payload(envelope.payload(), envelope.meta(), line_number);
    } else {
      outcome = engine.reject(line_number, read.error());
    }
  }
  if (engine.write_error()) throw Error(exit_status::io_error, "writing output", *engine.write_error());
  if (outcome == Outcome::output_closed) return exit_status::ok;
  const int status = outcome == Outcome::failed ? exit_status::invalid_data : exit_status::ok;
  finish_output(writer, status);
  if (outcome == Outcome::failed && engine.failure()) throw *engine.failure();
  if (outcome != Outcome::failed) report_counts(engine.counts(), on_invalid);
  return status;
}

}  // namespace

int run(const Options& options) {
  // A closed pipe must fail our write with EPIPE (a quiet exit 0) rather than kill us with SIGPIPE.
  std::signal(SIGPIPE, SIG_IGN);
  output::Writer writer(STDOUT_FILENO);
  if (options.build) {
    if (options.where || options.csv || options.json || options.envelope || options.require || options.count)
      throw Error(exit_status::usage, "--build", "cannot be combined with extraction options",
                  "--build only takes key=value words and -l, -0");
    return options.stdin_lines ? run_build_lines(options, writer) : run_build_once(options, writer);
  }
  if (options.stdin_lines) throw Error(exit_status::usage, "-l", "only makes sense with --build");
  return run_extract(options, writer);
}

}  // namespace mq::mqjson
