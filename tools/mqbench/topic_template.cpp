#include "mqbench/topic_template.hpp"

#include <fmt/format.h>

namespace mq::mqbench {

tl::expected<void, std::string> check_template(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') continue;
    if (i + 1 == text.size()) return tl::make_unexpected("ends with a lone % (write %% for a percent sign)");
    const char escape = text[++i];
    if (escape != 'i' && escape != 'c' && escape != '%')
      return tl::make_unexpected(fmt::format("unknown escape %{} (use %i, %c or %%)", escape));
  }
  return {};
}

std::string expand_template(std::string_view text, std::uint64_t index, std::string_view client_id) {
  std::string result;
  result.reserve(text.size() + 16);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%' || i + 1 == text.size()) {
      result.push_back(text[i]);
      continue;
    }
    switch (text[++i]) {
      case 'i':
        fmt::format_to(std::back_inserter(result), "{}", index);
        break;
      case 'c':
        result.append(client_id);
        break;
      default:
        result.push_back(text[i]);
        break;
    }
  }
  return result;
}

std::string wildcard_filter(std::string_view topic_template) {
  std::string result;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = topic_template.find('/', start);
    const std::string_view level =
        topic_template.substr(start, end == std::string_view::npos ? end : end - start);
    const bool templated =
        level.find("%i") != std::string_view::npos || level.find("%c") != std::string_view::npos;
    result += templated ? std::string("+") : std::string(level);
    if (end == std::string_view::npos) break;
    result.push_back('/');
    start = end + 1;
  }
  return result;
}

}  // namespace mq::mqbench
