// Expected strings marked "mosquitto_sub 2.0.11" were produced by the installed mosquitto_sub 2.0.11 with
// `-N -F <format>` against a local broker, for the same message (topic ab/cd, payload "hello", QoS 1,
// message id 1, and for the v5 cases the properties built by with_properties()).
#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <string>

#include "mq/output/format.hpp"

namespace {

using mq::output::Message;
using namespace std::string_literals;

// 2026-11-25T10:33:55.261214123Z
std::chrono::system_clock::time_point fixed_time() {
  using namespace std::chrono;
  const auto instant = sys_days{year{2026} / November / 25} + hours{10} + minutes{33} + seconds{55};
  return time_point_cast<system_clock::duration>(instant + nanoseconds{261214123});
}

Message hello_message() {
  Message message;
  message.topic = "ab/cd";
  message.payload = "hello";
  message.qos = 1;
  message.message_id = 1;
  message.received_at = fixed_time();
  return message;
}

Message with_properties() {
  Message message = hello_message();
  auto& properties = message.properties;
  properties.content_type = "text/plain";
  properties.correlation_data = "corr";
  properties.message_expiry_interval = 100;
  properties.payload_format_indicator = 1;
  properties.response_topic = "rt/x";
  properties.user_properties = {{"k1", "v1"}, {"k1", "v2"}, {"a", "b"}};
  properties.subscription_identifiers = {7};
  return message;
}

// Sets TZ for one test and puts the old value back.
class TimeZone {
 public:
  explicit TimeZone(const char* zone) {
    if (const char* old = std::getenv("TZ")) previous_ = old;
    had_previous_ = std::getenv("TZ") != nullptr;
    ::setenv("TZ", zone, 1);
    ::tzset();
  }
  ~TimeZone() {
    if (had_previous_) {
      ::setenv("TZ", previous_.c_str(), 1);
    } else {
      ::unsetenv("TZ");
    }
    ::tzset();
  }
  TimeZone(const TimeZone&) = delete;
  TimeZone& operator=(const TimeZone&) = delete;

 private:
  std::string previous_;
  bool had_previous_ = false;
};

std::string rendered(std::string_view format_text, const Message& message) {
  const auto format = mq::output::parse_format(format_text);
  REQUIRE_MESSAGE(format.has_value(), (format ? std::string() : format.error()));
  std::string out;
  mq::output::render(*format, message, out);
  return out;
}

std::string parse_error(std::string_view format_text) {
  const auto format = mq::output::parse_format(format_text);
  REQUIRE_FALSE(format.has_value());
  return format.error();
}

}  // namespace

TEST_CASE("output::render matches mosquitto_sub 2.0.11 for the basic codes and escapes") {
  CHECK(rendered(R"(%t|%p|%q|%r|%m|%l|%x|%X|%%|@@|\\|\t|\e|\a|\v|\r|\0|end)", hello_message()) ==
        "ab/cd|hello|1|0|1|5|68656c6c6f|68656C6C6F|%|@|\\|\t|\x1b|\a|\v|\r|\0|end"s);
  CHECK(rendered("first\\nsecond", hello_message()) == "first\nsecond");
  CHECK(rendered("", hello_message()).empty());
  CHECK(rendered("no codes at all", hello_message()) == "no codes at all");
}

TEST_CASE("output::render shows the retained flag, QoS and message id as received") {
  Message retained = hello_message();
  retained.qos = 2;
  retained.retained = true;
  CHECK(rendered("%t|%q|%r|%m", retained) == "ab/cd|2|1|1");  // mosquitto_sub 2.0.11

  Message qos0 = hello_message();
  qos0.qos = 0;
  qos0.message_id = 0;
  CHECK(rendered("%q|%r|%m|%l", qos0) == "0|0|0|5");  // mosquitto_sub 2.0.11
}

TEST_CASE("output::render pads and truncates the topic like mosquitto_sub 2.0.11") {
  CHECK(rendered("[%10t][%-10t][%010t][%.3t][%10.3t][%-10.3t][%.t][%.0t][%-010t][%00t][%2t]",
                 hello_message()) ==
        "[     ab/cd][ab/cd     ][     ab/cd][ab/][       ab/][ab/       ][][][ab/cd     ][ab/cd][ab/cd]");
}

TEST_CASE("output::render treats a %p width as an exact field like mosquitto_sub 2.0.11") {
  CHECK(rendered("[%8p][%-8p][%08p][%-08p][%.2p][%3p][%3.0p][%10.1p][%.1p][%2.9p][%-3.1p][%03.1p][%8.2p][%-8."
                 "2p][%5p]",
                 hello_message()) ==
        "[   hello][hello   ][000hello][hello   ][hello][hel][hel][     hello][hello][he][hel][hel][   "
        "hello][hello   ]"
        "[hello]");
}

TEST_CASE("output::render ignores modifiers where mosquitto_sub 2.0.11 does") {
  const std::string out =
      rendered("[%5q][%-5q][%05q][%.1q][%5r][%-5r][%05r][%5D][%.2D][%10P][%.3P][%-5%]", with_properties());
  CHECK(out == "[1][1][1][1][0][0][0][corr][corr][k1:v1 k1:v2 a:b][k1:v1 k1:v2 a:b][%]");
  CHECK(rendered("[%25U]", hello_message()) == "[1795602835.261214123]");
}

TEST_CASE("output::render pads numbers like mosquitto_sub 2.0.11") {
  CHECK(rendered("[%5m][%-5m][%05m][%.1m][%-05m][%5l][%-5l][%05l][%.1l][%-05l]", hello_message()) ==
        "[    1][1    ][00001][1][1    ][    5][5    ][00005][5][5    ]");
  Message big = hello_message();
  big.message_id = 65535;
  CHECK(rendered("[%3m][%03m]", big) == "[65535][65535]");
}

TEST_CASE("output::render prints v5 properties like mosquitto_sub 2.0.11") {
  CHECK(rendered("[%A][%C][%D][%E][%F][%P][%R][%S]", with_properties()) ==
        "[][text/plain][corr][100][1][k1:v1 k1:v2 a:b][rt/x][7]");
  CHECK(rendered("[%5A][%-5A][%05A][%12C][%-12C][%012C][%.3C][%12.3C][%-12.3C][%5D][%5E][%-5E][%05E][%.1E][%"
                 "3F][%-3F]"
                 "[%03F][%10P][%10R][%-10R][%010R][%.2R][%6.2R][%5S][%-5S][%05S]",
                 with_properties()) ==
        "[     ][     ][00000][  text/plain][text/plain  ][  text/plain][tex][         tex][tex         "
        "][corr][  100]"
        "[100  ][00100][100][  1][1  ][001][k1:v1 k1:v2 a:b][      rt/x][rt/x      ][      rt/x][rt][    "
        "rt][    7]"
        "[7    ][00007]");
  Message aliased = hello_message();
  aliased.properties.topic_alias = 3;
  CHECK(rendered("[%A][%4A][%-4A][%04A]", aliased) == "[3][   3][3   ][0003]");
}

TEST_CASE("output::render pads absent v5 properties like mosquitto_sub 2.0.11 (but not %R)") {
  CHECK(
      rendered("[%A][%C][%D][%E][%F][%P][%R][%S][%5A][%-5A][%05A][%10C][%-10C][%010C][%.3C][%10.3C][%5D][%5E]"
               "[%-5E][%05E][%3F][%03F][%10P][%10R][%-10R][%.2R][%5S][%-5S][%05S]",
               hello_message()) ==
      "[][][][][][][][][     ][     ][00000][          ][          ][          ][][          ][][     ][     "
      "]"
      "[00000][   ][000][][][][][     ][     ][00000]");
}

TEST_CASE("output::render lists several subscription identifiers separated by commas") {
  Message message = hello_message();
  message.properties.subscription_identifiers = {7, 12};
  CHECK(rendered("[%S][%6S]", message) == "[7,12][  7,12]");
}

TEST_CASE("output::render with an empty payload matches mosquitto_sub 2.0.11") {
  Message empty = hello_message();
  empty.payload.clear();
  CHECK(rendered("[%p][%l][%x][%8p][%08p][%5l]", empty) == "[][0][][        ][00000000][    0]");
}

TEST_CASE("output::render writes binary payloads byte for byte") {
  Message binary = hello_message();
  binary.payload = "a\x01\xff\0b"s;
  CHECK(rendered("%p|%l|%x|%X", binary) == "a\x01\xff\0b|5|6101ff0062|6101FF0062"s);
}

TEST_CASE("output::render hex follows mosquitto 2.1: width pads, precision groups") {
  // mosquitto 2.0.11 prints part of the payload when %x has a width ("[%14x]" gave "[          6865]") and
  // pads "%-x" with five stray spaces; 2.1 fixed both, and this is the fixed behaviour.
  CHECK(rendered("[%x][%X][%-x][%0X]", hello_message()) ==
        "[68656c6c6f][68656C6C6F][68656c6c6f][68656C6C6F]");
  CHECK(rendered("[%14x][%-14x][%014X]", hello_message()) ==
        "[    68656c6c6f][68656c6c6f    ][000068656C6C6F]");
  CHECK(rendered("[%.2x][%.4X][%.2:x][%.2-X][%.3,x][%.0x][%.x]", hello_message()) ==
        "[68 65 6c 6c 6f][6865 6C6C "
        "6F][68:65:6c:6c:6f][68-65-6C-6C-6F][686,56c,6c6,f][68656c6c6f][68656c6c6f]");
  CHECK(rendered("[%16.2x]", hello_message()) == "[  68 65 6c 6c 6f]");
  CHECK(rendered("%.2.x", hello_message()) == "68.65.6c.6c.6f");
}

TEST_CASE("output::render %f and %d read the payload as a float or double (mosquitto 2.1)") {
  Message single = hello_message();
  const float three_and_a_half = 3.5F;
  single.payload.assign(reinterpret_cast<const char*>(&three_and_a_half), sizeof three_and_a_half);
  CHECK(rendered("[%f][%10f][%-10f][%010f][%.2f]", single) ==
        "[3.500000][  3.500000][3.500000  ][003.500000][3.50]");

  Message dual = hello_message();
  const double minus_pi = -3.14159;
  dual.payload.assign(reinterpret_cast<const char*>(&minus_pi), sizeof minus_pi);
  CHECK(rendered("[%d][%09.2d][%.1d]", dual) == "[-3.141590][-00003.14][-3.1]");

  // Any other payload size prints nothing: one odd message must not stop a subscriber.
  CHECK(rendered("[%f][%d][%5f]", hello_message()) == "[][][]");
  CHECK(rendered("[%f]", dual) == "[]");
  CHECK(rendered("[%d]", single) == "[]");
}

TEST_CASE("output::render time codes use the receive time") {
  const TimeZone utc("UTC0");
  CHECK(rendered("%I|%U|@N", hello_message()) == "2026-11-25T10:33:55+0000|1795602835.261214123|261214123");
  CHECK(rendered("[%30I][%-30I][%030I][%.10I]", hello_message()) ==
        "[      2026-11-25T10:33:55+0000][2026-11-25T10:33:55+0000      ][      2026-11-25T10:33:55+0000]"
        "[2026-11-25]");
  // Every @ code goes to strftime, so unknown letters come out as glibc prints them (mosquitto_sub 2.0.11
  // printed "%Q" for @Q and "%" for "@%" too).
  CHECK(rendered("@Y-@m-@dT@H:@M:@S.@N|@a|@b|@j|@k|@Q|@%|@@", hello_message()) ==
        "2026-11-25T10:33:55.261214123|Wed|Nov|329|10|%Q|%|@");

  Message early = hello_message();
  early.received_at =
      std::chrono::system_clock::time_point{std::chrono::seconds{1795602835}} + std::chrono::nanoseconds{5};
  CHECK(rendered("%U|@N", early) == "1795602835.000000005|000000005");
}

TEST_CASE("output::render local times carry the zone's offset") {
  const TimeZone central_europe("CET-1");
  CHECK(rendered("%I|@H", hello_message()) == "2026-11-25T11:33:55+0100|11");
  CHECK(rendered("%j", hello_message()).rfind(R"({"tst":"2026-11-25T11:33:55.261214+0100","topic")", 0) == 0);
  const TimeZone newfoundland("<-0330>3:30");
  CHECK(rendered("%I", hello_message()) == "2026-11-25T07:03:55-0330");
}

TEST_CASE("output::parse_format names the offending code and where it is") {
  const std::string see = " (see the -F codes in mqsub(1))";
  CHECK(parse_error("%t %k") == "unknown format code '%k' at position 4" + see);
  CHECK(parse_error("%-05k") == "unknown format code '%-05k' at position 1" + see);
  CHECK(parse_error("%0-8p") == "unknown format code '%0-' at position 1" + see);
  CHECK(parse_error("%--5t") == "unknown format code '%--' at position 1" + see);
  CHECK(parse_error("%5.3.2t") == "unknown format code '%5.3.' at position 1" + see);
  CHECK(parse_error("%.2:t") == "unknown format code '%.2:' at position 1" + see);
  CHECK(parse_error("x%\xc3\xa9t") == "unknown format code '%\xc3\xa9' at position 2" + see);
  CHECK(parse_error("ab%") == "incomplete format code '%' at the end of the format" + see);
  CHECK(parse_error("%-10.3") == "incomplete format code '%-10.3' at the end of the format" + see);
  CHECK(parse_error("x\\k") == "unknown escape '\\k' at position 2" + see);
  CHECK(parse_error("x\\") == "incomplete escape '\\' at the end of the format" + see);
  CHECK(parse_error("x@") == "incomplete time code '@' at the end of the format" + see);
  CHECK(parse_error("%100000t") ==
        "width or precision too large in format code '%100000' at position 1 (at most 65536)");
  CHECK(parse_error("%.999999x") ==
        "width or precision too large in format code '%.999999' at position 1 (at most 65536)");
}

TEST_CASE("output::parse_format accepts what mosquitto_sub 2.0.11 accepts") {
  for (const char* accepted : {"%-08p", "%.t", "%00t", "%.2Ax", "\\\\", "@k", "@Q", "%.2:x", "%.2x", "%f",
                               "%d", "%65536t", "%-5%"}) {
    CAPTURE(accepted);
    CHECK(mq::output::parse_format(accepted).has_value());
  }
}

TEST_CASE("output::parse_format only asks for local time when a code needs it") {
  CHECK_FALSE(mq::output::parse_format("%t %p %U @N")->needs_local_time);
  CHECK(mq::output::parse_format("%I")->needs_local_time);
  CHECK(mq::output::parse_format("%j")->needs_local_time);
  CHECK(mq::output::parse_format("@H")->needs_local_time);
}

TEST_CASE("output::render appends to what is already in the output") {
  const auto format = mq::output::parse_format("[%5t]");
  REQUIRE(format);
  std::string out = "before ";
  mq::output::render(*format, hello_message(), out);
  CHECK(out == "before [ab/cd]");
}
