#pragma once
// --csv FILE: one row per second of a pub, sub or pubsub run, plus a last row for the final part second.
// Counts are running totals; rates, p50 and p99 are of that second alone (p50/p99 empty when nothing
// arrived in it). Latencies in nanoseconds like the --json histograms.
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>

namespace mq::mqbench {

struct SecondRow {
  double elapsed_seconds = 0;
  std::uint64_t connected = 0;
  std::uint64_t sent = 0;
  std::uint64_t received = 0;  // unique messages
  double sent_per_second = 0;
  double received_per_second = 0;
  std::optional<std::int64_t> p50_ns;
  std::optional<std::int64_t> p99_ns;
  std::uint64_t errors = 0;
  std::uint64_t reconnects = 0;
};

std::string csv_header();
std::string csv_line(const SecondRow& row);

class CsvWriter {
 public:
  // Creates FILE and writes the header; an mq::Error (io_error) when it cannot.
  explicit CsvWriter(const std::string& path);
  ~CsvWriter();
  CsvWriter(const CsvWriter&) = delete;
  CsvWriter& operator=(const CsvWriter&) = delete;

  void write(const SecondRow& row);  // flushed per row, so a tail -f sees it at once
  void close();                      // an mq::Error (io_error) when the rows could not all be written

 private:
  std::string path_;
  std::FILE* file_ = nullptr;
  bool failed_ = false;
};

}  // namespace mq::mqbench
