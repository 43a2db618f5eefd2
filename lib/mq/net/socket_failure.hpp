#pragma once
#include <string>

namespace mq::net {

// Why the socket layer failed a connect: the errno connect() returns and the words a person reads.
struct SocketFailure {
  int error_number = 0;
  std::string reason;
};

// strerror's words starting lower-case, to follow a colon in our messages ("connection refused").
std::string error_words(int error);

}  // namespace mq::net
