#pragma once
// Shared by the fuzz targets: the input as text, and the "first line, then the rest" split that targets
// taking two texts use (a -F string and a payload, a --where expression and a document, ...).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <utility>

namespace mq::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Without a newline the whole input is the first part and the rest is empty.
inline std::pair<std::string_view, std::string_view> split_first_line(std::string_view text) {
  const auto newline = text.find('\n');
  if (newline == std::string_view::npos) return {text, {}};
  return {text.substr(0, newline), text.substr(newline + 1)};
}

// A property every input must keep; breaking it is a finding, so it aborts like a sanitizer report.
inline void require(bool holds, const char* what) {
  if (holds) return;
  std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
  std::abort();
}

}  // namespace mq::fuzz
