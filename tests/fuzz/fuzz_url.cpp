// -L URLs: scheme://[user[:password]@]host[:port][/topic], typed by users and read from profiles.
#include "fuzz_input.hpp"
#include "mq/core/url.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto url = mq::parse_broker_url(mq::fuzz::as_text(data, size));
  if (url) {
    mq::fuzz::require(!url->host.empty(), "a parsed URL has a host");
    mq::fuzz::require(!url->port || *url->port != 0, "a parsed port is 1 to 65535");
    mq::fuzz::require(!url->username || !url->username->empty(), "a parsed user name is not empty");
    mq::fuzz::require(!mq::scheme_name(url->transport).empty(), "every transport has a scheme");
  } else {
    mq::fuzz::require(!url.error().empty(), "an error has a message");
  }
  return 0;
}
