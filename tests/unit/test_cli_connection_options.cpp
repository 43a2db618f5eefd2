// The shared connection options as a user types them: mosquitto's spellings land in the right fields, the
// MQ_* environment fills what the command line left unset, the command line wins over it, and the shared
// validators accept and reject what the documentation says.
#include <doctest/doctest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "mq/cli/connection_cli.hpp"
#include "mq/cli/value_checks.hpp"

namespace {

// Parses `words` (without the program name) into a fresh ConnectionOptions.
mq::ConnectionOptions parse_connection(std::vector<std::string> words) {
  mq::ConnectionOptions options;
  CLI::App app{"test"};
  app.set_help_flag("--help");  // -h is the host, as in mosquitto_pub
  mq::cli::add_connection_options(app, options);
  words.insert(words.begin(), "tool");
  std::vector<const char*> argv;
  for (const auto& word : words) argv.push_back(word.c_str());
  app.parse(static_cast<int>(argv.size()), argv.data());
  return options;
}

// Sets an environment variable for one test and removes it afterwards, pass or fail.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) { ::setenv(name, value, 1); }
  ~ScopedEnv() { ::unsetenv(name_); }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
};

}  // namespace

TEST_CASE("mosquitto's short letters fill the connection fields") {
  const auto options = parse_connection({"-h", "broker.local", "-p", "8883", "-u", "ann", "-P", "secret", "-i",
                                         "client-7", "-k", "15", "-c", "-V", "5", "-x", "3600"});
  CHECK(options.host == "broker.local");
  CHECK(options.port == 8883);
  CHECK(options.username == "ann");
  CHECK(options.password == "secret");
  CHECK(options.client_id == "client-7");
  CHECK(options.keepalive_seconds == 15);
  CHECK(options.disable_clean_session);
  CHECK(options.protocol_version == "5");
  CHECK(options.session_expiry == "3600");
}

TEST_CASE("nothing given leaves every optional field unset for resolve_connection to default") {
  const auto options = parse_connection({});
  CHECK_FALSE(options.host.has_value());
  CHECK_FALSE(options.port.has_value());
  CHECK_FALSE(options.url.has_value());
  CHECK_FALSE(options.password.has_value());
  CHECK_FALSE(options.disable_clean_session);
  CHECK(options.keepalive_seconds == 60);
  CHECK(options.property_words.empty());
}

TEST_CASE("each -D occurrence keeps its own words") {
  const auto options = parse_connection(
      {"-D", "publish", "user-property", "unit", "celsius", "-D", "connect", "session-expiry-interval", "60"});
  REQUIRE(options.property_words.size() == 2);
  CHECK(options.property_words[0] == std::vector<std::string>{"publish", "user-property", "unit", "celsius"});
  CHECK(options.property_words[1] == std::vector<std::string>{"connect", "session-expiry-interval", "60"});
}

TEST_CASE("TLS and will options") {
  const auto options = parse_connection({"--cafile", "ca.pem", "--cert", "c.pem", "--key", "k.pem", "--insecure",
                                         "--will-topic", "status/me", "--will-payload", "gone", "--will-qos", "1",
                                         "--will-retain"});
  CHECK(options.tls.cafile == "ca.pem");
  CHECK(options.tls.cert == "c.pem");
  CHECK(options.tls.key == "k.pem");
  CHECK(options.tls.insecure);
  CHECK(options.will.topic == "status/me");
  CHECK(options.will.payload == "gone");
  CHECK(options.will.qos == 1);
  CHECK(options.will.retain);
}

TEST_CASE("the MQ_* environment fills what the command line did not give") {
  ScopedEnv host("MQ_HOST", "env-host");
  ScopedEnv port("MQ_PORT", "1999");
  const auto from_env = parse_connection({});
  CHECK(from_env.host == "env-host");
  CHECK(from_env.port == 1999);

  const auto command_line_wins = parse_connection({"-h", "cli-host"});
  CHECK(command_line_wins.host == "cli-host");
  CHECK(command_line_wins.port == 1999);
}

TEST_CASE("bad values are usage errors from CLI11, not silently accepted") {
  CHECK_THROWS_AS(parse_connection({"-p", "port"}), CLI::ParseError);
  CHECK_THROWS_AS(parse_connection({"-k", "soon"}), CLI::ParseError);
  CHECK_THROWS_AS(parse_connection({"--will-qos", "3"}), CLI::ParseError);
  CHECK_THROWS_AS(parse_connection({"--no-such-option"}), CLI::ParseError);
  CHECK_THROWS_AS(parse_connection({"-h"}), CLI::ParseError);  // the host needs a value; help is --help
}

TEST_CASE("duration_check accepts the documented forms and explains a rejection") {
  const CLI::Validator check = mq::cli::duration_check();
  for (std::string good : {"10", "1.5s", "500ms", "2m"}) {
    CAPTURE(good);
    CHECK(check(good).empty());
  }
  std::string bad = "soon";
  CHECK_FALSE(check(bad).empty());
}

TEST_CASE("duration_as_seconds rewrites a duration into whole seconds for int options") {
  const CLI::Validator to_seconds = mq::cli::duration_as_seconds();
  std::string minutes = "2m";
  CHECK(to_seconds(minutes).empty());
  CHECK(minutes == "120");
  std::string plain = "45";
  CHECK(to_seconds(plain).empty());
  CHECK(plain == "45");
  std::string bad = "forever-ish";
  CHECK_FALSE(to_seconds(bad).empty());
}
