#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "mq/cli/argv_sources.hpp"
#include "mq/core/error.hpp"

namespace {

struct TempConfigHome {
  std::filesystem::path path;
  std::string previous;
  bool had_previous = false;
  TempConfigHome() {
    char pattern[] = "/tmp/mq-test-config-XXXXXX";
    path = ::mkdtemp(pattern);
    if (const char* old = std::getenv("XDG_CONFIG_HOME")) {
      previous = old;
      had_previous = true;
    }
    ::setenv("XDG_CONFIG_HOME", path.c_str(), 1);
    ::unsetenv("MQ_PROFILE");
  }
  ~TempConfigHome() {
    std::filesystem::remove_all(path);
    if (had_previous) {
      ::setenv("XDG_CONFIG_HOME", previous.c_str(), 1);
    } else {
      ::unsetenv("XDG_CONFIG_HOME");
    }
  }
  void write(const std::string& relative, const std::string& text, mode_t mode = 0600) const {
    const auto file = path / relative;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file) << text;
    ::chmod(file.c_str(), mode);
  }
};

std::vector<std::string> collect(std::vector<std::string> arguments) {
  std::vector<const char*> argv{"mqpub"};
  for (const auto& argument : arguments) argv.push_back(argument.c_str());
  return mq::cli::collect_arguments("mqpub", static_cast<int>(argv.size()), argv.data()).arguments;
}

}  // namespace

TEST_CASE("cli::split_options_text") {
  const auto arguments = mq::cli::split_options_text("# broker\n-h broker.example.com\n\n  -p 8883\r\n--insecure\n"
                                                     "-m hello world  \n");
  CHECK(arguments == std::vector<std::string>{"-h", "broker.example.com", "-p", "8883", "--insecure", "-m",
                                              "hello world"});
  CHECK(mq::cli::split_options_text("").empty());
  CHECK(mq::cli::split_options_text("   # only a comment\n").empty());
}

TEST_CASE("cli::wipe_passwords") {
  std::string program = "mqpub", short_flag = "-P", secret = "hunter2", joined = "-Psecret", long_form = "--pw=abc",
              url_flag = "-L", url = "mqtt://user:pass@host:1883/topic", other = "-m";
  std::string message = "visible";
  char* argv[] = {program.data(), short_flag.data(), secret.data(), joined.data(), long_form.data(),
                  url_flag.data(), url.data(),       other.data(),  message.data()};
  mq::cli::wipe_passwords(9, argv);
  CHECK(std::string(argv[2]) == "*******");
  CHECK(std::string(argv[3]) == "-P******");
  CHECK(std::string(argv[4]) == "--pw=***");
  CHECK(std::string(argv[6]) == "mqtt://user:****@host:1883/topic");
  CHECK(std::string(argv[8]) == "visible");
}

TEST_CASE("cli::collect_arguments reads the options file, the profile, then the command line") {
  TempConfigHome home;
  home.write("mqpub", "-h from-file\n-q 1\n");
  home.write("mq/prod", "-h from-profile\n");
  CHECK(collect({"-t", "x"}) == std::vector<std::string>{"-h", "from-file", "-q", "1", "-t", "x"});
  CHECK(collect({"--profile", "prod", "-t", "x"}) ==
        std::vector<std::string>{"-h", "from-file", "-q", "1", "-h", "from-profile", "--profile", "prod", "-t", "x"});
  ::setenv("MQ_PROFILE", "prod", 1);
  CHECK(collect({}) == std::vector<std::string>{"-h", "from-file", "-q", "1", "-h", "from-profile"});
  ::unsetenv("MQ_PROFILE");
}

TEST_CASE("cli::collect_arguments: -o replaces the default options file") {
  TempConfigHome home;
  home.write("mqpub", "-h from-default\n");
  home.write("other.conf", "-h from-o\n");
  const std::string other = (home.path / "other.conf").string();
  CHECK(collect({"-o", other}) == std::vector<std::string>{"-h", "from-o", "-o", other});
}

TEST_CASE("cli::collect_arguments errors and warnings") {
  TempConfigHome home;
  SUBCASE("unknown profile") {
    try {
      collect({"--profile", "nope"});
      FAIL("expected an error");
    } catch (const mq::Error& error) {
      CHECK(error.exit_code() == 1);
      CHECK(std::string(error.what()) ==
            "--profile nope: " + (home.path / "mq/nope").string() +
                " does not exist (create it with one option per line, e.g. '-h broker.example.com')");
    }
  }
  SUBCASE("profile names cannot be paths") { CHECK_THROWS_AS(collect({"--profile", "../x"}), mq::Error); }
  SUBCASE("unreadable -o file") { CHECK_THROWS_AS(collect({"-o", "/nonexistent/file"}), mq::Error); }
  SUBCASE("a password in a profile others can read gets a warning") {
    home.write("mq/shared", "-u alice\n-P secret\n", 0644);
    std::vector<const char*> argv{"mqpub", "--profile", "shared"};
    const auto sources = mq::cli::collect_arguments("mqpub", 3, argv.data());
    REQUIRE(sources.warnings.size() == 1);
    CHECK(sources.warnings.front().find("profile shared holds a password and other users can read it") == 0);
    CHECK(sources.warnings.front().find("secret") == std::string::npos);
  }
  SUBCASE("a private profile with a password is fine") {
    home.write("mq/private", "-P secret\n", 0600);
    std::vector<const char*> argv{"mqpub", "--profile", "private"};
    CHECK(mq::cli::collect_arguments("mqpub", 3, argv.data()).warnings.empty());
  }
}
