#include "mq/net/socket_hooks.hpp"

#include <netdb.h>
#include <sys/socket.h>
#include <dlfcn.h>
#include <time.h>
#include <unistd.h>

#include <cstdint>

#include <atomic>
#include <cerrno>
#include <memory>
#include <mutex>

#include "mq/net/active_plan.hpp"
#include "mq/net/broker_connect.hpp"
#include "mq/net/real_calls.hpp"

// The interposers must share this translation unit with install_socket_plan(): the connection layer calls
// that, which pulls this object out of the static library, and with it the hooks. CMake exports them from
// each executable (mq_net's INTERFACE link options).

namespace mq::net {
namespace {

// Process state forced by interposition: connect() and friends are called by Paho's threads with no context
// pointer, so the plan can only be found here. Plans are immutable once published and never freed (a hook
// may still be reading the old one); a new one is made only when a different plan is installed.
std::atomic<const ActivePlan*> installed_plan{nullptr};

// Paho's receive thread sleeps 100 ms whenever it finds no socket, which often happens just as a connect
// starts, and the CONNACK then waits for the sleep (paho-notes §14: one-shot publishes of ~105 ms instead
// of ~4 ms). For two seconds after a plan is installed (right before a connect) its sleeps are capped at
// 1 ms; outside that window they are left alone, so an idle or reconnecting tool does not spin.
constexpr std::int64_t short_sleep_window_ns = 2'000'000'000;
std::atomic<std::int64_t> short_sleeps_until_ns{0};

std::int64_t monotonic_ns() {
  timespec now{};
  ::clock_gettime(CLOCK_MONOTONIC, &now);
  return static_cast<std::int64_t>(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

struct FailureRecord {
  std::mutex mutex;
  std::string reason;
};

FailureRecord& failure_record() {
  static FailureRecord record;
  return record;
}

void record_failure(std::string reason) {
  FailureRecord& record = failure_record();
  std::lock_guard lock(record.mutex);
  record.reason = std::move(reason);
}

bool is_stream_socket(int fd) {
  int type = 0;
  socklen_t length = sizeof(type);
  return ::getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &length) == 0 && type == SOCK_STREAM;
}

}  // namespace

SocketPlan socket_plan_for(const ResolvedConnection& connection) {
  SocketPlan plan;
  plan.unix_socket = connection.unix_socket;
  plan.bind_address = connection.bind_address;
  plan.nodelay = connection.nodelay;
  plan.proxy = connection.proxy;
  plan.broker_host = connection.host;
  plan.broker_port = connection.port;
  plan.tls_version = connection.tls.tls_version;
  plan.connect_timeout = connection.connect_timeout;
  return plan;
}

std::string install_socket_plan(const SocketPlan& plan) {
  short_sleeps_until_ns.store(monotonic_ns() + short_sleep_window_ns, std::memory_order_relaxed);
  const ActivePlan* current = installed_plan.load(std::memory_order_acquire);
  if (current != nullptr && current->same_as(plan)) return plan.broker_host;
  auto next = std::make_unique<ActivePlan>(plan);
  installed_plan.store(next.release(), std::memory_order_release);
  return plan.broker_host;
}

const ActivePlan* installed_active_plan() { return installed_plan.load(std::memory_order_acquire); }

std::string last_socket_failure() {
  FailureRecord& record = failure_record();
  std::lock_guard lock(record.mutex);
  return record.reason;
}

}  // namespace mq::net

extern "C" {

int usleep(useconds_t microseconds) {
  using namespace mq::net;
  using UsleepFunction = int (*)(useconds_t);
  static const auto real_usleep = reinterpret_cast<UsleepFunction>(::dlsym(RTLD_NEXT, "usleep"));
  if (microseconds > 1000 && monotonic_ns() < short_sleeps_until_ns.load(std::memory_order_relaxed))
    microseconds = 1000;
  return real_usleep(microseconds);
}

int connect(int fd, const sockaddr* address, socklen_t length) {
  using namespace mq::net;
  const ActivePlan* active = installed_plan.load(std::memory_order_acquire);
  if (active == nullptr || !active->shapes_connect() || !active->is_broker_endpoint(address) ||
      !is_stream_socket(fd))
    return real_connect()(fd, address, length);

  const auto applied = connect_to_broker(fd, *active, address, length);
  if (!applied) {
    record_failure(applied.error().reason);
    errno = applied.error().error_number;
    return -1;
  }
  record_failure({});
  switch (applied->outcome) {
    case ConnectOutcome::connected:
      return 0;
    case ConnectOutcome::in_progress:
      errno = EINPROGRESS;
      return -1;
    case ConnectOutcome::passed_on:
      errno = applied->passed_on_errno;
      return applied->passed_on_result;
  }
  return 0;
}

int getaddrinfo(const char* node, const char* service, const addrinfo* hints, addrinfo** result) {
  using namespace mq::net;
  const ActivePlan* active = installed_plan.load(std::memory_order_acquire);
  if (active == nullptr || !active->shapes_connect() || node == nullptr || !active->names_broker(node))
    return real_getaddrinfo()(node, service, hints, result);

  const char* looked_up = active->uses_placeholder() ? placeholder_address : node;
  const int rc = real_getaddrinfo()(looked_up, service, hints, result);
  if (rc == 0)
    for (const addrinfo* found = *result; found != nullptr; found = found->ai_next)
      active->remember_broker_address(found->ai_addr);
  return rc;
}

}  // extern "C"
