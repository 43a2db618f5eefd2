#include "mq/core/error.hpp"

namespace mq {

std::string format_error(const std::string& what, const std::string& why, const std::string& hint) {
  std::string text = what;
  if (!why.empty()) text += ": " + why;
  if (!hint.empty()) text += " (" + hint + ")";
  return text;
}

Error::Error(int exit_code, std::string what, std::string why, std::string hint)
    : std::runtime_error(format_error(what, why, hint)),
      exit_code_(exit_code),
      what_(std::move(what)),
      why_(std::move(why)),
      hint_(std::move(hint)) {}

}  // namespace mq
