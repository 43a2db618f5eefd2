// mqpub's -l record reader (stdin lines, binary-safe with any separator): every record comes back exactly.
#include <string>

#include "line_stream.hpp"
#include "mqpub/line_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static mq::fuzz::LineStream stream;
  if (!mq::fuzz::make_line_stream(mq::fuzz::as_text(data, size), stream)) return 0;
  const int fd = mq::fuzz::pipe_holding(stream.bytes);
  if (fd < 0) return 0;
  const auto expected = mq::fuzz::expected_records(stream);
  mq::mqpub::LineReader reader(fd, stream.separator);
  const auto never_stop = [] { return false; };
  std::string record;
  std::size_t count = 0;
  while (reader.next(record, never_stop) == mq::mqpub::LineReader::Result::record) {
    mq::fuzz::require(count < expected.size() && record == expected[count], "each record comes back exactly");
    ++count;
  }
  mq::fuzz::require(count == expected.size(), "every record comes back");
  ::close(fd);
  return 0;
}
