#include "mq/output/time_text.hpp"

#include <cstddef>

namespace mq::output {
namespace {

void append_zero_padded(std::string& out, std::int64_t value, int width) {
  char digits[20];
  int count = 0;
  auto remaining = static_cast<std::uint64_t>(value < 0 ? -value : value);
  do {
    digits[count++] = static_cast<char>('0' + remaining % 10);
    remaining /= 10;
  } while (remaining != 0 && count < 20);
  if (value < 0) out.push_back('-');
  for (int pad = count; pad < width; ++pad) out.push_back('0');
  while (count != 0) out.push_back(digits[--count]);
}

void append_strftime(std::string& out, const std::tm& local, const char* pattern) {
  char text[128];
  const std::size_t length = std::strftime(text, sizeof text, pattern, &local);
  out.append(text, length);
}

}  // namespace

SplitTime split_time(std::chrono::system_clock::time_point when) {
  using namespace std::chrono;
  const auto since_epoch = duration_cast<nanoseconds>(when.time_since_epoch());
  const auto whole_seconds = floor<seconds>(since_epoch);
  SplitTime split;
  split.seconds = whole_seconds.count();
  split.nanoseconds = (since_epoch - whole_seconds).count();
  return split;
}

void fill_local_time(SplitTime& time) {
  const auto seconds = static_cast<std::time_t>(time.seconds);
  localtime_r(&seconds, &time.local);
}

void append_iso8601_local(std::string& out, const std::tm& local) {
  append_strftime(out, local, "%Y-%m-%dT%H:%M:%S%z");
}

void append_unix_nanoseconds(std::string& out, const SplitTime& time) {
  append_zero_padded(out, time.seconds, 1);
  out.push_back('.');
  append_zero_padded(out, time.nanoseconds, 9);
}

void append_strftime_code(std::string& out, const std::tm& local, char code) {
  const char pattern[] = {'%', code, '\0'};
  append_strftime(out, local, pattern);
}

void append_json_tst(std::string& out, const SplitTime& time) {
  append_strftime(out, time.local, "%Y-%m-%dT%H:%M:%S.");
  append_zero_padded(out, time.nanoseconds / 1000, 6);
  append_strftime(out, time.local, "%z");
}

void append_rfc3339_utc_micros(std::string& out, const SplitTime& time) {
  using namespace std::chrono;
  const sys_seconds instant{seconds{time.seconds}};
  const auto day = floor<days>(instant);
  const year_month_day date{day};
  const hh_mm_ss clock{instant - day};
  append_zero_padded(out, static_cast<int>(date.year()), 4);
  out.push_back('-');
  append_zero_padded(out, static_cast<unsigned>(date.month()), 2);
  out.push_back('-');
  append_zero_padded(out, static_cast<unsigned>(date.day()), 2);
  out.push_back('T');
  append_zero_padded(out, clock.hours().count(), 2);
  out.push_back(':');
  append_zero_padded(out, clock.minutes().count(), 2);
  out.push_back(':');
  append_zero_padded(out, clock.seconds().count(), 2);
  out.push_back('.');
  append_zero_padded(out, time.nanoseconds / 1000, 6);
  out.push_back('Z');
}

}  // namespace mq::output
