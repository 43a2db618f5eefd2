#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <string_view>
#include <system_error>

#include "mq/core/error.hpp"
#include "mq/core/exit_status.hpp"
#include "mq/wire/client.hpp"
#include "mqpub/paho_engine.hpp"

namespace mq::mqpub {

bool needs_paho(const Options& options, const ResolvedConnection& connection) {
  const char* engine = std::getenv("MQ_PUBLISH_ENGINE");
  const bool paho_asked = engine != nullptr && std::string_view(engine) == "paho";
  return paho_asked || options.request_response || !wire::Client::supports(connection);
}

namespace {

constexpr std::string_view arguments_fd_flag = "--arguments-fd";

}  // namespace

void exec_paho_variant(const std::vector<std::string>& arguments) {
  const int memory = ::memfd_create("mqpub-arguments", 0);  // inherited by the new program on purpose
  if (memory < 0)
    throw Error(exit_status::internal_error, "mqpub-paho", fmt::format("cannot hand over: {}", std::strerror(errno)));
  std::string packed;
  for (const auto& argument : arguments) {
    packed += argument;
    packed.push_back('\0');
  }
  if (::write(memory, packed.data(), packed.size()) != static_cast<ssize_t>(packed.size()) ||
      ::lseek(memory, 0, SEEK_SET) != 0) {
    const int error = errno;
    ::close(memory);
    throw Error(exit_status::internal_error, "mqpub-paho", fmt::format("cannot hand over: {}", std::strerror(error)));
  }
  const std::string fd_text = std::to_string(memory);
  std::string flag(arguments_fd_flag);
  std::string name = "mqpub-paho";
  char* const new_argv[] = {name.data(), flag.data(), const_cast<char*>(fd_text.c_str()), nullptr};

  std::fflush(nullptr);  // nothing this process wrote may be lost with it
  std::error_code error;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", error);
  int last_errno = ENOENT;
  if (!error) {
    const auto here = self.parent_path();
    for (const auto& candidate : {here / "mqpub-paho", here / ".." / "libexec" / "mq" / "mqpub-paho"}) {
      ::execv(candidate.c_str(), new_argv);
      last_errno = errno;
    }
  }
  ::close(memory);
  throw Error(exit_status::internal_error, "mqpub-paho",
              fmt::format("cannot run it ({}); it carries TLS, websockets, -c, -d and --rr",
                          std::strerror(last_errno)),
              "install mq completely: mqpub-paho belongs next to mqpub or in ../libexec/mq/");
}

HandedOver handed_over_arguments(int argc, char** argv) {
  HandedOver handed;
  auto& arguments = handed.arguments;
  if (argc == 3 && argv[1] == arguments_fd_flag) {
    handed.from_mqpub = true;
    // Only mqpub passes this flag, but a bad number must not mean fd 0 (reading the arguments from stdin).
    int fd = -1;
    const std::string_view fd_text(argv[2]);
    const auto parsed = std::from_chars(fd_text.data(), fd_text.data() + fd_text.size(), fd);
    if (parsed.ec != std::errc() || parsed.ptr != fd_text.data() + fd_text.size() || fd < 3)
      throw Error(exit_status::usage, fmt::format("{} '{}'", arguments_fd_flag, fd_text),
                  "not a descriptor mqpub handed over", "the flag is internal: run mqpub instead");
    std::string packed;
    char block[4096];
    ssize_t count = 0;
    while ((count = ::read(fd, block, sizeof(block))) > 0) packed.append(block, static_cast<std::size_t>(count));
    ::close(fd);
    arguments.emplace_back("mqpub");
    for (std::size_t start = 0; start < packed.size();) {
      const std::size_t end = std::min(packed.find('\0', start), packed.size());  // the last may lack its NUL
      arguments.push_back(packed.substr(start, end - start));
      start = end + 1;
    }
    return handed;
  }
  arguments.assign(argv, argv + argc);
  return handed;
}

}  // namespace mq::mqpub
