#include <doctest/doctest.h>
#include <unistd.h>

#include <csignal>
#include <string>
#include <vector>

#include "mqsub/print_loop.hpp"

using mq::mqsub::PrintEnd;
using mq::mqsub::PrintLoop;
using mq::mqsub::PrintLoopSettings;

namespace {

mq::output::Message message(std::string topic, std::string payload, bool retained = false) {
  mq::output::Message built;
  built.topic = std::move(topic);
  built.payload = std::move(payload);
  built.retained = retained;
  return built;
}

// A pipe whose read end the test drains (or closes, to play `| head`).
struct Pipe {
  int read_end = -1;
  int write_end = -1;
  Pipe() {
    int ends[2];
    REQUIRE(::pipe(ends) == 0);
    read_end = ends[0];
    write_end = ends[1];
  }
  ~Pipe() {
    if (read_end >= 0) ::close(read_end);
    ::close(write_end);
  }
  std::string drain() {
    std::string text(4096, '\0');
    const ssize_t got = ::read(read_end, text.data(), text.size());
    text.resize(got > 0 ? static_cast<std::size_t>(got) : 0);
    return text;
  }
};

mq::mqsub::MessagePrinter verbose_printer() {
  mq::mqsub::PrintSettings settings;
  settings.style = mq::mqsub::PrintStyle::topic_and_payload;
  return *mq::mqsub::MessagePrinter::create(settings);
}

}  // namespace

TEST_CASE("mqsub::PrintLoop") {
  Pipe pipe;
  mq::output::Writer writer(pipe.write_end, mq::output::FlushPolicy::per_message);
  PrintLoopSettings settings;

  SUBCASE("-C counts only kept messages and stops mid-batch") {
    settings.count = 2;
    mq::mqsub::Selection selection;
    selection.excluded_filters = {"skip"};
    PrintLoop loop(settings, mq::mqsub::MessageFilter(selection), verbose_printer(), writer);
    CHECK(loop.consume({message("a", "1"), message("skip", "x"), message("b", "2"), message("c", "3")}) ==
          PrintEnd::count_reached);
    CHECK(loop.printed() == 2);
    CHECK(pipe.drain() == "a 1\nb 2\n");
  }
  SUBCASE("--retained-only: retained ones print, the marker or a live message ends the run unprinted") {
    settings.retained_only = true;
    settings.marker_topic = "mqsub/marker/me";
    PrintLoop loop(settings, mq::mqsub::MessageFilter({}), verbose_printer(), writer);
    CHECK(loop.consume({message("r", "1", true), message("mqsub/marker/me", "")}) == PrintEnd::retained_done);
    CHECK(pipe.drain() == "r 1\n");
    CHECK(loop.consume({message("live", "2")}) == PrintEnd::live_message);
    CHECK(loop.printed() == 1);
  }
  SUBCASE("the marker is never printed, even without --retained-only") {
    settings.marker_topic = "mqsub/marker/me";
    PrintLoop loop(settings, mq::mqsub::MessageFilter({}), verbose_printer(), writer);
    CHECK(loop.consume({message("mqsub/marker/me", ""), message("a", "1")}) == PrintEnd::running);
    CHECK(pipe.drain() == "a 1\n");
  }
  SUBCASE("--remove-retained is asked for each retained message that is printed") {
    settings.remove_retained = true;
    mq::mqsub::Selection selection;
    selection.excluded_filters = {"kept"};
    PrintLoop loop(settings, mq::mqsub::MessageFilter(selection), verbose_printer(), writer);
    std::vector<std::string> removed;
    loop.on_remove_retained([&](const std::string& topic) { removed.push_back(topic); });
    (void)loop.consume({message("r1", "x", true), message("kept", "y", true), message("live", "z")});
    CHECK(removed == std::vector<std::string>{"r1"});
  }
  SUBCASE("a closed pipe ends the run quietly") {
    // mqsub runs with SIGPIPE ignored (Paho sets it process-wide); the test binary must do the same.
    std::signal(SIGPIPE, SIG_IGN);
    ::close(pipe.read_end);
    pipe.read_end = -1;
    PrintLoop loop(settings, mq::mqsub::MessageFilter({}), verbose_printer(), writer);
    CHECK(loop.consume({message("a", "1")}) == PrintEnd::output_closed);
  }
  SUBCASE("the idle clock moves only when something is printed") {
    mq::mqsub::Selection selection;
    selection.excluded_filters = {"#"};
    PrintLoop loop(settings, mq::mqsub::MessageFilter(selection), verbose_printer(), writer);
    const auto before = loop.last_print_time();
    (void)loop.consume({message("a", "1")});
    CHECK(loop.last_print_time() == before);
  }
}
