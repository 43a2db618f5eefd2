#pragma once
// Timestamps as text for the -F codes (%I, %U, @X, the %j "tst") and for --json's "time".
#include <chrono>
#include <cstdint>
#include <ctime>
#include <string>

namespace mq::output {

// A receive time split once per message, so several time codes in one format agree with each other
// (mosquitto_sub reads the clock again for every code; we use the moment the message arrived).
struct SplitTime {
  std::int64_t seconds = 0;      // since the Unix epoch
  std::int64_t nanoseconds = 0;  // within that second, 0..999999999
  std::tm local{};               // filled only when a format needs local time
};

SplitTime split_time(std::chrono::system_clock::time_point when);
// Fills `time.local` from `time.seconds` with localtime_r (honours TZ).
void fill_local_time(SplitTime& time);

// %I: "2016-08-10T09:47:38+0100" (local time, numeric offset without a colon, as mosquitto prints it).
void append_iso8601_local(std::string& out, const std::tm& local);
// %U: "1470818943.786368637".
void append_unix_nanoseconds(std::string& out, const SplitTime& time);
// @X: strftime with the single conversion character `code` (whatever the C library makes of it).
void append_strftime_code(std::string& out, const std::tm& local, char code);
// %j's "tst": "2026-11-25T10:27:24.413471+0000". mosquitto 2.0.11 prints "...413471Z+0000", a 'Z' (UTC) and
// an offset together, which is wrong whenever the local zone is not UTC; we print the local time with its
// offset only.
void append_json_tst(std::string& out, const SplitTime& time);
// --json's "time": RFC 3339 in UTC with microseconds, "2026-11-25T10:00:00.123456Z".
void append_rfc3339_utc_micros(std::string& out, const SplitTime& time);

}  // namespace mq::output
