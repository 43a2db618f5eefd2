#include <doctest/doctest.h>
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include "mq/core/error.hpp"
#include "mqjson/engine.hpp"
#include "mqjson/engine_config.hpp"
#include "mqjson/envelope.hpp"

using mq::mqjson::Engine;
using mq::mqjson::MessageMeta;
using mq::mqjson::Options;
using mq::mqjson::Outcome;

namespace {

// Runs the engine over payload lines and captures what it writes and warns.
struct Run {
  std::string output;
  std::vector<std::string> warnings;
  std::vector<Outcome> outcomes;
  mq::mqjson::EngineCounts counts;
};

Run run_lines(const Options& options, const std::vector<std::string>& lines) {
  Run result;
  std::FILE* sink = std::tmpfile();
  REQUIRE(sink != nullptr);
  {
    mq::output::Writer writer(fileno(sink), mq::output::FlushPolicy::per_message);
    Engine engine(mq::mqjson::make_engine_config(options), writer,
                  [&](std::string_view text) { result.warnings.emplace_back(text); });
    std::uint64_t line = 0;
    for (const auto& text : lines) {
      const Outcome outcome = engine.process_payload(text, MessageMeta{}, ++line);
      result.outcomes.push_back(outcome);
      if (outcome != Outcome::keep_going) break;
    }
    REQUIRE(writer.flush());
    result.counts = engine.counts();
  }
  std::rewind(sink);
  char buffer[4096];
  std::size_t got = 0;
  while ((got = std::fread(buffer, 1, sizeof buffer, sink)) > 0) result.output.append(buffer, got);
  std::fclose(sink);
  return result;
}

Options fields(std::vector<std::string> arguments) {
  Options options;
  options.arguments = std::move(arguments);
  return options;
}

}  // namespace

TEST_CASE("mqjson::Engine prints one row per message and skips invalid payloads with a warning") {
  const Run run = run_lines(fields({".t"}), {R"({"t":1})", R"({"t":)", R"({"t":"x"})", "\xff"});
  CHECK(run.output == "1\nx\n");
  CHECK(run.warnings ==
        std::vector<std::string>{"line 2: invalid JSON at byte 5: unexpected end of input (expected a value)",
                                 "line 4: invalid JSON at byte 0: unexpected character (expected a value)"});
  CHECK(run.counts.invalid == 2);
  CHECK(run.counts.messages == 4);
}

TEST_CASE("mqjson::Engine --on-invalid null prints a row of nulls, fail stops") {
  Options options = fields({".a", ".b"});
  options.on_invalid = "null";
  CHECK(run_lines(options, {"{", R"({"a":1,"b":2})"}).output == "\t\n1\t2\n");
  options.on_invalid = "fail";
  const Run failed = run_lines(options, {R"({"a":1})", "nope", R"({"a":3})"});
  CHECK(failed.output == "1\t\n");
  CHECK(failed.outcomes.back() == Outcome::failed);
}

TEST_CASE("mqjson::Engine --require treats a missing field as invalid") {
  Options options = fields({".a", ".b"});
  options.require = true;
  const Run run = run_lines(options, {R"({"a":1,"b":null})", R"({"a":1})"});
  CHECK(run.output == "1\t\n");
  CHECK(run.warnings == std::vector<std::string>{"line 2: missing field .b"});
  CHECK(run.counts.missing_fields == 1);
  CHECK(run.counts.invalid == 0);
}

TEST_CASE("mqjson::Engine --where and -C count matching messages") {
  Options options = fields({".v"});
  options.where = ".v > 1";
  options.count = 2;
  const Run run = run_lines(options, {R"({"v":1})", R"({"v":2})", R"({"v":0})", R"({"v":3})", R"({"v":4})"});
  CHECK(run.output == "2\n3\n");
  CHECK(run.outcomes.back() == Outcome::count_reached);
  CHECK(run.counts.matched == 2);
}

TEST_CASE("mqjson::Engine iterators give one row per combination") {
  const Run run = run_lines(fields({".id", ".a[]", ".b[]"}),
                            {R"({"id":7,"a":[1,2],"b":["x","y"]})", R"({"id":8,"a":[]})"});
  CHECK(run.output == "7\t1\tx\n7\t1\ty\n7\t2\tx\n7\t2\ty\n");
}

TEST_CASE("mqjson::Engine -0 ends rows with NUL, --json labels") {
  Options options = fields({"temp=.t", "$topic"});
  options.json = true;
  options.null_separated = true;
  CHECK(run_lines(options, {R"({"t":2})"}).output == std::string("{\"temp\":2,\"$topic\":null}\0", 25));
}

TEST_CASE("mqjson::Engine::process reads a subscribed message") {
  std::FILE* sink = std::tmpfile();
  REQUIRE(sink != nullptr);
  mq::output::Writer writer(fileno(sink), mq::output::FlushPolicy::per_message);
  std::vector<std::string> warnings;
  Engine engine(mq::mqjson::make_engine_config(fields({"$topic[1]", ".t", "$time", "$prop.unit"})), writer,
                [&](std::string_view text) { warnings.emplace_back(text); });
  mq::output::Message message;
  message.topic = "house/kitchen";
  message.payload = R"({"t":21.5})";
  message.received_at = std::chrono::system_clock::time_point(std::chrono::microseconds(1795600800123456));
  message.properties.user_properties = {{"unit", "C"}};
  CHECK(engine.process(message) == Outcome::keep_going);
  message.payload = "{";
  CHECK(engine.process(message) == Outcome::keep_going);
  REQUIRE(writer.flush());
  std::rewind(sink);
  char buffer[256] = {};
  const std::size_t got = std::fread(buffer, 1, sizeof buffer - 1, sink);
  std::fclose(sink);
  CHECK(std::string(buffer, got) == "kitchen\t21.5\t2026-11-25T10:00:00.123456Z\tC\n");
  CHECK(warnings == std::vector<std::string>{
                        "topic house/kitchen: invalid JSON at byte 1: expected a string key or '}'"});
}

TEST_CASE("mqjson::make_engine_config usage errors") {
  const auto error_of = [](const Options& options) -> std::string {
    try {
      mq::mqjson::make_engine_config(options);
    } catch (const mq::Error& error) {
      CHECK(error.exit_code() == 1);
      return error.what();
    }
    FAIL("no error");
    return {};
  };
  CHECK(error_of(fields({"temp"})) ==
        "field 'temp': a path starts with '.', '/' or '$' (paths look like .a.b, .a[0], .[\"k\"], /a/b or "
        "$topic; see "
        "'mqjson --help')");
  CHECK(
      error_of(fields({"t=.a["})) ==
      "field 't=.a[': column 4: expected an index, a \"name\" or ']' after '[' (paths look like .a.b, .a[0], "
      ".[\"k\"], /a/b or $topic; see 'mqjson --help')");
  Options bad_where = fields({".a"});
  bad_where.where = ".a >";
  CHECK(error_of(bad_where) ==
        "--where: column 5: expected a path or a value (e.g. --where '.temp > 20 and $topic[1] == "
        "\"kitchen\"')");
}

TEST_CASE("mqjson::EnvelopeReader reads mqsub --json lines") {
  mq::mqjson::EnvelopeReader reader;
  REQUIRE(
      reader.read(R"({"topic":"a/b","payload":"{\"t\":1}","qos":1,"retain":true,"mid":7,)"
                  R"("time":"2026-11-25T10:00:00.123456Z","properties":{"content_type":"application/json",)"
                  R"("user_properties":[["unit","C"],["unit","F"]],"message_expiry_interval":30}})"));
  CHECK(reader.payload() == R"({"t":1})");
  CHECK(reader.meta().topic == "a/b");
  CHECK(reader.meta().qos == 1);
  CHECK(reader.meta().retained);
  CHECK(reader.meta().message_id == 7);
  CHECK(reader.meta().time == "2026-11-25T10:00:00.123456Z");
  REQUIRE(reader.meta().properties != nullptr);
  CHECK(reader.meta().properties->content_type == "application/json");
  CHECK(reader.meta().properties->message_expiry_interval == 30u);
  CHECK(reader.meta().properties->user_properties.size() == 2);
  REQUIRE(reader.read(R"({"topic":"x","payload_base64":"AAE=","qos":0,"retain":false,"time":"t"})"));
  CHECK(reader.payload() == std::string("\0\1", 2));
  CHECK(reader.read("{").error() == "invalid envelope at byte 1: expected a string key or '}'");
  CHECK(reader.read(R"({"topic":"x"})").error() == "envelope has no payload");
  CHECK(reader.read(R"({"topic":1,"payload":""})").error() == "envelope has a field of the wrong type");
  CHECK(reader.read("[]").error() == "envelope is not an object");
}
