// mqjson's record reader (stdin lines, -0 for NUL-separated records): every record comes back exactly.
#include "line_stream.hpp"
#include "mqjson/line_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static mq::fuzz::LineStream stream;  // reused: the long record is not reallocated per input
  if (!mq::fuzz::make_line_stream(mq::fuzz::as_text(data, size), stream)) return 0;
  const int fd = mq::fuzz::pipe_holding(stream.bytes);
  if (fd < 0) return 0;
  const auto expected = mq::fuzz::expected_records(stream);
  mq::mqjson::LineReader reader(fd, stream.separator);
  std::size_t count = 0;
  for (;;) {
    const auto record = reader.next();
    mq::fuzz::require(record.has_value(), "reading a pipe does not fail");
    if (!*record) break;
    mq::fuzz::require(count < expected.size() && **record == expected[count],
                      "each record comes back exactly");
    ++count;
  }
  mq::fuzz::require(count == expected.size(), "every record comes back");
  ::close(fd);
  return 0;
}
