#pragma once
// The one exception type: thrown at boundaries, caught once in each tool's main, printed as
// "<tool>: error: <what>: <why> (<hint>)".
#include <stdexcept>
#include <string>

namespace mq {

class Error : public std::runtime_error {
 public:
  Error(int exit_code, std::string what, std::string why, std::string hint = {});

  int exit_code() const noexcept { return exit_code_; }
  const std::string& what_failed() const noexcept { return what_; }
  const std::string& why() const noexcept { return why_; }
  const std::string& hint() const noexcept { return hint_; }

 private:
  int exit_code_;
  std::string what_;
  std::string why_;
  std::string hint_;
};

// "what: why (hint)", the part after "<tool>: error: ".
std::string format_error(const std::string& what, const std::string& why, const std::string& hint);

}  // namespace mq
