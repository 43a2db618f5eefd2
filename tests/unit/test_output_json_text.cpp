#include <doctest/doctest.h>

#include <string>

#include "mq/output/json_text.hpp"

TEST_CASE("output::is_valid_utf8 accepts well-formed UTF-8 only") {
  using mq::output::is_valid_utf8;
  CHECK(is_valid_utf8(""));
  CHECK(is_valid_utf8(std::string("a\0b", 3)));
  CHECK(is_valid_utf8("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xf4\x8f\xbf\xbf\xed\x9f\xbf"));
  for (const char* bad :
       {"\x80", "\xc3", "\xc0\xaf", "\xc1\xbf", "\xe0\x80\xaf", "\xed\xa0\x80", "\xf0\x80\x80\xaf",
        "\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\xff", "\xe2\x82", "a\xe2\x82"}) {
    CAPTURE(bad);
    CHECK_FALSE(is_valid_utf8(bad));
  }
}

TEST_CASE("output::append_json_string_if_utf8 escapes like cJSON and refuses binary") {
  std::string out = "x";
  CHECK(mq::output::append_json_string_if_utf8(out, std::string("\"\\/\b\f\n\r\t\x01\x1f\x7f\0", 12)));
  CHECK(out == "x\"\\\"\\\\/\\b\\f\\n\\r\\t\\u0001\\u001f\x7f\\u0000\"");
  out = "x";
  CHECK_FALSE(mq::output::append_json_string_if_utf8(out, "long text before a bad byte \xff"));
  CHECK(out == "x");
}

TEST_CASE("output::append_json_string_lossy replaces each bad byte with U+FFFD") {
  std::string out;
  mq::output::append_json_string_lossy(out,
                                       "a\xff\xc3"
                                       "b\xc3\xa9");
  CHECK(out == "\"a\\ufffd\\ufffdb\xc3\xa9\"");
}

TEST_CASE("output::append_base64 pads like RFC 4648") {
  const auto encoded = [](std::string_view bytes) {
    std::string out;
    mq::output::append_base64(out, bytes);
    return out;
  };
  CHECK(encoded("").empty());
  CHECK(encoded("f") == "Zg==");
  CHECK(encoded("fo") == "Zm8=");
  CHECK(encoded("foo") == "Zm9v");
  CHECK(encoded("foobar") == "Zm9vYmFy");
  CHECK(encoded(std::string("\xff\xfe\x00", 3)) == "//4A");
}

TEST_CASE("output::append_decimal") {
  std::string out;
  mq::output::append_decimal(out, 0);
  out.push_back(' ');
  mq::output::append_decimal(out, 18446744073709551615ULL);
  CHECK(out == "0 18446744073709551615");
}
