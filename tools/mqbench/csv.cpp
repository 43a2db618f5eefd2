#include "mqbench/csv.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>

#include "mq/core/error.hpp"
#include "mq/core/exit_status.hpp"

namespace mq::mqbench {
namespace {

std::string optional_cell(const std::optional<std::int64_t>& value) {
  return value ? fmt::format("{}", *value) : std::string();
}

}  // namespace

std::string csv_header() {
  return "elapsed_s,connected,sent,received,sent_per_s,received_per_s,p50_ns,p99_ns,errors,reconnects\n";
}

std::string csv_line(const SecondRow& row) {
  return fmt::format("{:.3f},{},{},{},{:.1f},{:.1f},{},{},{},{}\n", row.elapsed_seconds, row.connected,
                     row.sent, row.received, row.sent_per_second, row.received_per_second,
                     optional_cell(row.p50_ns), optional_cell(row.p99_ns), row.errors, row.reconnects);
}

CsvWriter::CsvWriter(const std::string& path) : path_(path), file_(std::fopen(path.c_str(), "w")) {
  if (file_ == nullptr)
    throw Error(exit_status::io_error, fmt::format("--csv {}", path), std::strerror(errno));
  const std::string header = csv_header();
  failed_ = std::fputs(header.c_str(), file_) < 0 || std::fflush(file_) != 0;
}

CsvWriter::~CsvWriter() {
  if (file_ != nullptr) std::fclose(file_);
}

void CsvWriter::write(const SecondRow& row) {
  if (file_ == nullptr) return;
  const std::string line = csv_line(row);
  if (std::fputs(line.c_str(), file_) < 0 || std::fflush(file_) != 0) failed_ = true;
}

void CsvWriter::close() {
  if (file_ == nullptr) return;
  const int error = std::fclose(file_) != 0 ? errno : 0;
  file_ = nullptr;
  if (failed_ || error != 0)
    throw Error(exit_status::io_error, fmt::format("--csv {}", path_),
                error != 0 ? std::strerror(error) : "a row could not be written");
}

}  // namespace mq::mqbench
