#include <doctest/doctest.h>

#include <string>

#include "mqsub/printer.hpp"

using mq::mqsub::MessagePrinter;
using mq::mqsub::PrintSettings;
using mq::mqsub::PrintStyle;

namespace {

mq::output::Message message(std::string topic, std::string payload) {
  mq::output::Message built;
  built.topic = std::move(topic);
  built.payload = std::move(payload);
  built.qos = 1;
  built.message_id = 7;
  return built;
}

std::string print(const PrintSettings& settings, const mq::output::Message& received) {
  auto printer = MessagePrinter::create(settings);
  REQUIRE(printer.has_value());
  std::string out;
  printer->append(received, out);
  return out;
}

PrintSettings style(PrintStyle chosen, std::string format = {}) {
  PrintSettings settings;
  settings.style = chosen;
  settings.format_text = std::move(format);
  return settings;
}

}  // namespace

TEST_CASE("mqsub::MessagePrinter") {
  SUBCASE("the payload, then a newline") {
    CHECK(print(style(PrintStyle::payload), message("a", "hello")) == "hello\n");
  }
  SUBCASE("an empty payload prints nothing at all, as mosquitto_sub") {
    CHECK(print(style(PrintStyle::payload), message("a", "")).empty());
  }
  SUBCASE("-v: topic, space, payload; an empty payload shows as (null)") {
    CHECK(print(style(PrintStyle::topic_and_payload), message("a/b", "x y")) == "a/b x y\n");
    CHECK(print(style(PrintStyle::topic_and_payload), message("a/b", "")) == "a/b (null)\n");
  }
  SUBCASE("record ends: -N none, -0 NUL") {
    auto settings = style(PrintStyle::payload);
    settings.record_end = "";
    CHECK(print(settings, message("a", "x")) == "x");
    settings.record_end = std::string(1, '\0');
    CHECK(print(settings, message("a", "x")) == std::string("x\0", 2));
  }
  SUBCASE("-F renders the format, then the record end") {
    CHECK(print(style(PrintStyle::format, "%t|%p|%q|%m"), message("a", "x")) == "a|x|1|7\n");
  }
  SUBCASE("a bad -F is reported with the parser's message") {
    const auto printer = MessagePrinter::create(style(PrintStyle::format, "%t %k"));
    REQUIRE_FALSE(printer.has_value());
    CHECK(printer.error() == "unknown format code '%k' at position 4 (see the -F codes in mqsub(1))");
  }
  SUBCASE("--pretty re-indents only the %J part of a format") {
    auto settings = style(PrintStyle::format, "<%t> %J");
    settings.pretty = true;
    const std::string out = print(settings, message("a", R"({"k":1})"));
    CHECK(out.rfind("<a> {\n\t\"tst\":\t\"", 0) == 0);
    CHECK(out.find("\t\"topic\":\t\"a\",\n\t\"qos\":\t1,\n") != std::string::npos);
    CHECK(out.find("\t\"payload\":\t{\n\t\t\"k\":\t1\n\t}\n}\n") != std::string::npos);
  }
  SUBCASE("--json: one line, ended by the record end") {
    const std::string out = print(style(PrintStyle::json), message("a", "x"));
    CHECK(out.rfind(R"({"topic":"a","payload":"x","qos":1,"retain":false,"mid":7,)", 0) == 0);
    CHECK(out.back() == '\n');
    CHECK(out.find('\n') == out.size() - 1);
  }
  SUBCASE("--json --pretty spreads the object over lines") {
    auto settings = style(PrintStyle::json);
    settings.pretty = true;
    const std::string out = print(settings, message("a", "x"));
    CHECK(out.rfind("{\n\t\"topic\":\t\"a\",\n\t\"payload\":\t\"x\",\n", 0) == 0);
  }
}
