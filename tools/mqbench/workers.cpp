#include "mqbench/workers.hpp"

#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <thread>
#include <vector>

#include "mq/core/error.hpp"
#include "mq/core/exit_status.hpp"
#include "mqbench/conn_run.hpp"
#include "mqbench/fail_if.hpp"
#include "mqbench/merge.hpp"
#include "mqbench/report.hpp"
#include "mqbench/schedule.hpp"

namespace mq::mqbench {
namespace {

// The worker: its own slice, its own stop flag (fork kept only this thread, not the signal watcher),
// its report to a file the parent merges. Never returns.
[[noreturn]] void run_worker(const RunContext& parent, std::uint32_t first, std::uint32_t count,
                             const std::string& report_path) {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  StopFlag stop;
  // The parent forwards Ctrl-C as SIGTERM; it stays blocked here and is taken by this thread.
  std::thread([&stop, signals] {
    int received = 0;
    if (sigwait(&signals, &received) == 0) stop.request(true);
  }).detach();
  Plan plan = parent.plan;
  plan.publishers = count;
  plan.workers = 1;
  plan.json_path = report_path;
  plan.gates.clear();  // judged once, by the parent, on the merged report
  plan.connect_rate = parent.plan.connect_rate / static_cast<double>(parent.plan.workers);
  const RunContext context{plan, parent.connection, parent.client_id_template, stop, first};
  std::fflush(stdout);
  if (std::FILE* quiet = std::freopen("/dev/null", "w", stdout); quiet == nullptr)
    _exit(exit_status::io_error);
  int status = exit_status::internal_error;
  try {
    status = run_conn(context);
  } catch (const Error& error) {
    status = error.exit_code();
  } catch (...) {
  }
  std::fflush(nullptr);
  _exit(status);  // no Paho teardown, no atexit handlers of the parent's objects
}

}  // namespace

int run_conn_sharded(const RunContext& context) {
  const Plan& plan = context.plan;
  const std::string report_base = fmt::format("/tmp/mqbench-{}-worker", ::getpid());
  std::vector<pid_t> children;
  std::vector<std::string> reports;
  for (std::uint32_t worker = 0; worker < plan.workers; ++worker) {
    const auto count = static_cast<std::uint32_t>(quota_for(plan.publishers, plan.workers, worker));
    std::uint32_t first = 0;
    for (std::uint32_t earlier = 0; earlier < worker; ++earlier)
      first += static_cast<std::uint32_t>(quota_for(plan.publishers, plan.workers, earlier));
    const std::string path = fmt::format("{}{}.json", report_base, worker);
    std::fflush(nullptr);
    const pid_t child = ::fork();
    if (child < 0) throw Error(exit_status::internal_error, "--workers", "fork failed");
    if (child == 0) run_worker(context, first, count, path);
    children.push_back(child);
    reports.push_back(path);
  }

  std::vector<int> statuses(children.size(), 0);
  std::size_t running = children.size();
  bool forwarded = false;
  while (running > 0) {
    if (context.stop.stopped() && !forwarded) {
      for (const pid_t child : children) ::kill(child, SIGTERM);
      forwarded = true;
    }
    int status = 0;
    const pid_t done = ::waitpid(-1, &status, WNOHANG);
    if (done <= 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      continue;
    }
    for (std::size_t i = 0; i < children.size(); ++i)
      if (children[i] == done)
        statuses[i] = WIFEXITED(status) ? WEXITSTATUS(status) : exit_status::internal_error;
    --running;
  }

  std::vector<nlohmann::json> parts;
  for (const auto& path : reports) {
    std::ifstream file(path);
    if (file) {
      try {
        parts.push_back(nlohmann::json::parse(file));
      } catch (const nlohmann::json::exception&) {
      }
    }
    std::remove(path.c_str());
  }
  if (parts.empty()) {
    throw Error(statuses.empty() || statuses.front() == 0 ? exit_status::internal_error : statuses.front(),
                "conn", "no worker produced a report");
  }
  auto merged = merge_reports(parts);
  if (!merged) throw Error(exit_status::internal_error, "conn", merged.error());
  (*merged)["workers"] = plan.workers;

  std::FILE* out = plan.json_path == "-" ? stderr : stdout;
  const auto connect_time = histogram_from_json((*merged)["connect_time"]);
  fmt::print(out, "mqbench conn: {} of {} connected in {} over {} workers, {} still connected after --hold\n",
             (*merged)["connected"].get<std::uint64_t>(), (*merged)["attempted"].get<std::uint64_t>(),
             format_nanoseconds(static_cast<std::int64_t>((*merged)["connect_seconds"].get<double>() * 1e9)),
             plan.workers, (*merged)["held"].get<std::uint64_t>());
  if (connect_time) fmt::print(out, "connect  {}\n", percentile_line(*connect_time));
  for (const auto& [reason, count] : (*merged)["errors"].items())
    fmt::print(out, "error  {} x {}\n", count.get<std::uint64_t>(), reason);
  std::fflush(out);
  write_json(plan.json_path, *merged);
  if (context.stop.interrupted()) return exit_status::interrupted;
  if ((*merged)["connected"].get<std::uint64_t>() == 0)
    throw Error(statuses.front() == 0 ? exit_status::unreachable : statuses.front(), "conn",
                "no connection succeeded");
  return apply_gates(plan.gates, *merged);
}

}  // namespace mq::mqbench
