#include "mqbench/workers.hpp"

#include <fmt/format.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "mq/core/error.hpp"
#include "mq/core/exit_status.hpp"
#include "mqbench/conn_run.hpp"
#include "mqbench/csv.hpp"
#include "mqbench/fail_if.hpp"
#include "mqbench/load_run.hpp"
#include "mqbench/merge.hpp"
#include "mqbench/report.hpp"
#include "mqbench/schedule.hpp"
#include "mqbench/status_line.hpp"
#include "mqbench/worker_link.hpp"

namespace mq::mqbench {
namespace {

// The worker: its own slice (in `plan`), its own stop flag (fork kept only this thread, not the signal
// watcher), its report to a file the parent merges. Never returns.
[[noreturn]] void run_worker(const RunContext& parent, const Plan& plan, std::uint32_t first,
                             std::uint32_t first_subscriber, WorkerLink* link,
                             int (*runner)(const RunContext&)) {
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
  RunContext context{plan, parent.connection, parent.client_id_template, stop, first};
  context.first_subscriber = first_subscriber;
  context.link = link;
  std::fflush(stdout);
  if (std::FILE* quiet = std::freopen("/dev/null", "w", stdout); quiet == nullptr)
    _exit(exit_status::io_error);
  int status = exit_status::internal_error;
  try {
    status = runner(context);
  } catch (const Error& error) {
    status = error.exit_code();
    // The parent repeats it when no worker got far enough to report (e.g. the broker is unreachable).
    if (link != nullptr)
      link->send({{"type", "error"},
                  {"status", status},
                  {"what", error.what_failed()},
                  {"why", error.why()},
                  {"hint", error.hint()}});
  } catch (...) {
  }
  std::fflush(nullptr);
  _exit(status);  // no Paho teardown, no atexit handlers of the parent's objects
}

// The plan of one worker: its share of the clients, the messages and the rate; reports to a file,
// judged and written as CSV by the parent only.
Plan worker_plan(const Plan& whole, std::uint32_t publishers, std::uint32_t subscribers,
                 const std::string& report_path) {
  Plan plan = whole;
  plan.publishers = publishers;
  plan.subscribers = subscribers;
  plan.workers = 1;
  plan.json_path = report_path;
  plan.csv_path.reset();
  plan.gates.clear();
  plan.connect_rate = whole.connect_rate / static_cast<double>(whole.workers);
  return plan;
}

std::uint32_t first_of(std::uint32_t total, std::uint32_t workers, std::uint32_t worker) {
  std::uint64_t first = 0;
  for (std::uint32_t earlier = 0; earlier < worker; ++earlier) first += quota_for(total, workers, earlier);
  return static_cast<std::uint32_t>(first);
}

}  // namespace

int run_conn_sharded(const RunContext& context) {
  const Plan& plan = context.plan;
  const std::string report_base = fmt::format("/tmp/mqbench-{}-worker", ::getpid());
  std::vector<pid_t> children;
  std::vector<std::string> reports;
  for (std::uint32_t worker = 0; worker < plan.workers; ++worker) {
    const auto count = static_cast<std::uint32_t>(quota_for(plan.publishers, plan.workers, worker));
    std::uint32_t first = context.first_index;  // past the clients of earlier --shard copies
    for (std::uint32_t earlier = 0; earlier < worker; ++earlier)
      first += static_cast<std::uint32_t>(quota_for(plan.publishers, plan.workers, earlier));
    const std::string path = fmt::format("{}{}.json", report_base, worker);
    std::fflush(nullptr);
    const pid_t child = ::fork();
    if (child < 0) throw Error(exit_status::internal_error, "--workers", "fork failed");
    if (child == 0) run_worker(context, worker_plan(plan, count, 0, path), first, 0, nullptr, run_conn);
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

namespace {

// The parent's view of one worker of a pub, sub or pubsub run.
struct WorkerState {
  pid_t pid = -1;
  int from_worker = -1;  // the worker's lines
  int to_worker = -1;    // the parent's answers
  std::string buffer;
  std::string report_path;
  bool publishes = false;
  bool ready = false;
  bool published = false;
  bool exited = false;
  bool from_worker_closed = false;  // its pipe reached end of file: nothing more to read
  nlohmann::json error;             // the worker's own error line, if it failed
  int status = 0;
  nlohmann::json last_tick = nlohmann::json::object();
};

void tell(WorkerState& worker, const nlohmann::json& message) {
  if (worker.exited || worker.to_worker < 0) return;
  const std::string line = message.dump() + "\n";
  std::size_t written = 0;
  while (written < line.size()) {
    const ssize_t n = ::write(worker.to_worker, line.data() + written, line.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // the worker is gone: its exit is noticed by waitpid
    written += static_cast<std::size_t>(n);
  }
}

}  // namespace

int run_load_sharded(const RunContext& context, int (*runner)(const RunContext&)) {
  const Plan& plan = context.plan;
  std::optional<CsvWriter> csv;
  if (plan.csv_path) csv.emplace(*plan.csv_path);
  const std::string report_base = fmt::format("/tmp/mqbench-{}-worker", ::getpid());
  std::vector<WorkerState> workers(plan.workers);
  std::vector<int> parent_fds;  // closed in each later child, so it holds no other worker's pipe
  for (std::uint32_t w = 0; w < plan.workers; ++w) {
    WorkerState& worker = workers[w];
    const auto publishers = static_cast<std::uint32_t>(quota_for(plan.publishers, plan.workers, w));
    const auto subscribers = static_cast<std::uint32_t>(quota_for(plan.subscribers, plan.workers, w));
    worker.publishes = publishers > 0;
    worker.report_path = fmt::format("{}{}.json", report_base, w);
    Plan slice = worker_plan(plan, publishers, subscribers, worker.report_path);
    if (plan.count) {
      // Exactly the messages the whole run would give these clients (sub: its share of --count).
      const std::uint32_t first =
          first_of(plan.mode == "sub" ? plan.subscribers : plan.publishers, plan.workers, w);
      std::uint64_t share = 0;
      if (plan.mode == "sub")
        share = quota_for(*plan.count, plan.workers, w);
      else
        for (std::uint32_t i = 0; i < publishers; ++i)
          share += quota_for(*plan.count, plan.publishers, first + i);
      slice.count = share;
    }
    if (plan.rate && plan.publishers > 0)
      slice.rate = *plan.rate * static_cast<double>(publishers) / static_cast<double>(plan.publishers);
    int up[2];
    int down[2];
    if (::pipe(up) != 0 || ::pipe(down) != 0)
      throw Error(exit_status::internal_error, "--workers", "pipe failed");
    std::fflush(nullptr);
    const pid_t child = ::fork();
    if (child < 0) throw Error(exit_status::internal_error, "--workers", "fork failed");
    if (child == 0) {
      for (const int fd : parent_fds) ::close(fd);
      ::close(up[0]);
      ::close(down[1]);
      static WorkerLink link(up[1], down[0]);
      run_worker(context, slice, context.first_index + first_of(plan.publishers, plan.workers, w),
                 context.first_subscriber + first_of(plan.subscribers, plan.workers, w), &link, runner);
    }
    ::close(up[1]);
    ::close(down[0]);
    worker.pid = child;
    worker.from_worker = up[0];
    worker.to_worker = down[1];
    parent_fds.push_back(up[0]);
    parent_fds.push_back(down[1]);
  }

  // Once a second: the workers' latest running totals and the latency of the messages they measured
  // since the last row, for --csv and the status line.
  std::mutex ticks_mutex;
  Histogram interval;
  StatusLine status_line;
  const auto ticks_from = std::chrono::steady_clock::now();
  double previous_elapsed = 0;
  std::uint64_t previous_sent = 0, previous_received = 0;
  const auto second = [&](double elapsed, bool draw) {
    SecondRow row;
    row.elapsed_seconds = elapsed;
    {
      std::lock_guard lock(ticks_mutex);
      for (const auto& worker : workers) {
        row.connected += worker.last_tick.value("connected", std::uint64_t{0});
        row.sent += worker.last_tick.value("sent", std::uint64_t{0});
        row.received += worker.last_tick.value("received", std::uint64_t{0});
        row.errors += worker.last_tick.value("errors", std::uint64_t{0});
        row.reconnects += worker.last_tick.value("reconnects", std::uint64_t{0});
      }
      if (interval.count() > 0) {
        row.p50_ns = interval.percentile(50);
        row.p99_ns = interval.percentile(99);
      }
      interval.clear();
    }
    const double span = elapsed - previous_elapsed;
    if (span > 0) {
      row.sent_per_second = static_cast<double>(row.sent - std::min(row.sent, previous_sent)) / span;
      row.received_per_second =
          static_cast<double>(row.received - std::min(row.received, previous_received)) / span;
    }
    previous_elapsed = elapsed;
    previous_sent = row.sent;
    previous_received = row.received;
    if (csv) csv->write(row);
    if (draw)
      status_line.draw(fmt::format(
          "{:.0f}s  {} workers  connected {}  sent/s {:.0f}  received/s {:.0f}  errors {}", elapsed,
          workers.size(), row.connected, row.sent_per_second, row.received_per_second, row.errors));
  };
  std::optional<Ticker> ticker;
  ticker.emplace([&](double elapsed) { second(elapsed, true); });

  bool forwarded = false, started = false, totals_sent = false;
  std::size_t running = workers.size();
  // Until every worker exited and its last lines (the final tick) were read.
  while (running > 0 ||
         std::any_of(workers.begin(), workers.end(), [](const auto& w) { return !w.from_worker_closed; })) {
    if (context.stop.stopped() && !forwarded) {
      for (const auto& worker : workers)
        if (!worker.exited) ::kill(worker.pid, SIGTERM);
      forwarded = true;
    }
    std::vector<pollfd> watched;
    for (const auto& worker : workers)
      watched.push_back({worker.from_worker_closed ? -1 : worker.from_worker, POLLIN, 0});
    ::poll(watched.data(), watched.size(), 20);
    for (std::size_t w = 0; w < workers.size(); ++w) {
      WorkerState& worker = workers[w];
      if ((watched[w].revents & (POLLIN | POLLHUP)) == 0) continue;
      char chunk[16384];
      const ssize_t n = ::read(worker.from_worker, chunk, sizeof chunk);
      if (n <= 0) {
        if (n == 0) worker.from_worker_closed = true;
        continue;
      }
      worker.buffer.append(chunk, static_cast<std::size_t>(n));
      for (auto& message : take_messages(worker.buffer)) {
        const std::string type = message.value("type", "");
        std::lock_guard lock(ticks_mutex);
        if (type == "ready") worker.ready = true;
        if (type == "error") worker.error = message;
        if (type == "published") {
          worker.published = true;
          worker.last_tick["published_sent"] = message.value("sent", std::uint64_t{0});
        }
        if (type != "tick") continue;
        if (auto histogram = histogram_from_json(message["interval"])) interval.merge(*histogram);
        message.erase("interval");
        const auto published_sent = worker.last_tick.value("published_sent", std::uint64_t{0});
        worker.last_tick = std::move(message);
        worker.last_tick["published_sent"] = published_sent;
      }
    }
    int status = 0;
    for (pid_t done = ::waitpid(-1, &status, WNOHANG); done > 0; done = ::waitpid(-1, &status, WNOHANG)) {
      for (auto& worker : workers) {
        if (worker.pid != done) continue;
        std::lock_guard lock(ticks_mutex);
        worker.exited = true;
        worker.ready = worker.published = true;  // nobody waits for a worker that is gone
        worker.status = WIFEXITED(status) ? WEXITSTATUS(status) : exit_status::internal_error;
        --running;
      }
    }
    // Publishing starts once every worker is connected and subscribed; subscribers wait for what all
    // publishers together sent.
    if (!started && std::all_of(workers.begin(), workers.end(), [](const auto& w) { return w.ready; })) {
      for (auto& worker : workers) tell(worker, {{"type", "go"}});
      started = true;
    }
    if (started && !totals_sent && std::all_of(workers.begin(), workers.end(), [](const auto& w) {
          return !w.publishes || w.published;
        })) {
      std::uint64_t sent = 0;
      for (const auto& worker : workers) sent += worker.last_tick.value("published_sent", std::uint64_t{0});
      for (auto& worker : workers) tell(worker, {{"type", "expected"}, {"sent", sent}});
      totals_sent = true;
    }
  }
  ticker.reset();
  for (const auto& worker : workers) {
    ::close(worker.from_worker);
    ::close(worker.to_worker);
  }

  std::vector<nlohmann::json> parts;
  for (const auto& worker : workers) {
    std::ifstream file(worker.report_path);
    if (file) {
      try {
        parts.push_back(nlohmann::json::parse(file));
      } catch (const nlohmann::json::exception&) {
      }
    }
    std::remove(worker.report_path.c_str());
  }
  int failed_status = 0;
  for (const auto& worker : workers)
    if (worker.status != 0 && failed_status == 0) failed_status = worker.status;
  if (parts.empty()) {
    for (const auto& worker : workers)
      if (worker.error.is_object())
        throw Error(worker.error.value("status", exit_status::internal_error), worker.error.value("what", ""),
                    worker.error.value("why", ""), worker.error.value("hint", ""));
    throw Error(failed_status == 0 ? exit_status::internal_error : failed_status, plan.mode,
                "no worker produced a report");
  }
  auto merged = merge_reports(parts);
  if (!merged) throw Error(exit_status::internal_error, plan.mode, merged.error());
  if (plan.mode == "pubsub") recount_end_to_end(*merged);
  if (plan.shard.count <= 1) merged->erase("copies");  // a --shard copy keeps them for `mqbench merge`
  merged->erase("merged_reports");
  (*merged)["workers"] = plan.workers;
  if (csv) {
    second(std::chrono::duration<double>(std::chrono::steady_clock::now() - ticks_from).count(), false);
    csv->close();
  }
  print_load_summary(plan.json_path == "-" ? stderr : stdout, *merged);
  write_json(plan.json_path, *merged);
  if (context.stop.interrupted()) return exit_status::interrupted;
  if (failed_status != 0)
    throw Error(failed_status, plan.mode,
                fmt::format("{} of {} workers failed",
                            std::count_if(workers.begin(), workers.end(),
                                          [](const auto& w) { return w.status != 0; }),
                            workers.size()),
                "the summary above merges what every worker reported");
  return apply_gates(plan.gates, *merged);
}

}  // namespace mq::mqbench
