#include "paralint/read/source_text.hpp"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>

#include "support/temp_dir.hpp"

using paralint::Position;
using paralint::SourceText;
using paralint::Span;

namespace {

constexpr auto npos = std::string_view::npos;

}  // namespace

TEST_CASE("source_text: CRLF, lone CR and LF each end one line") {
  // offsets: a0 b1 \r2 \n3 | c4 d5 \r6 | e7 f8 \n9 | g10
  const SourceText source("f", "ab\r\ncd\ref\ng");
  CHECK(source.line_count() == 4);
  CHECK(source.position(0) == Position{1, 1});
  CHECK(source.position(4) == Position{2, 1});
  CHECK(source.position(5) == Position{2, 2});
  CHECK(source.position(7) == Position{3, 1});
  CHECK(source.position(10) == Position{4, 1});
}

TEST_CASE("source_text: a line break belongs to the line it ends") {
  const SourceText source("f", "ab\r\ncd");
  CHECK(source.position(2) == Position{1, 3});
  CHECK(source.position(3) == Position{1, 4});
}

TEST_CASE("source_text: a trailing newline opens an empty last line") {
  const SourceText source("f", "a\n");
  CHECK(source.line_count() == 2);
  CHECK(source.position(2) == Position{2, 1});
  CHECK(source.line_span(2) == Span{2, 2});
}

TEST_CASE("source_text: columns count code points, not bytes") {
  // ü is 2 bytes, € is 3, 😀 is 4
  const std::string text = "x\nü€😀y";
  const SourceText source("f", text);
  CHECK(source.position(2) == Position{2, 1});
  CHECK(source.position(4) == Position{2, 2});
  CHECK(source.position(7) == Position{2, 3});
  CHECK(source.position(11) == Position{2, 4});
  CHECK(text.substr(11) == "y");
}

TEST_CASE("source_text: offset inverts position at every code point start") {
  const SourceText source("f", "[pytest]\r\nkey = ü€\rnext 😀 line\nlast");
  const auto bytes = source.bytes();
  for (std::size_t offset = 0; offset <= bytes.size(); ++offset) {
    if (offset < bytes.size() && (static_cast<unsigned char>(bytes[offset]) & 0xC0U) == 0x80U) continue;
    // The "\n" of a CRLF is not a position of its own in an editor; skip it.
    if (offset > 0 && offset < bytes.size() && bytes[offset] == '\n' && bytes[offset - 1] == '\r') continue;
    CAPTURE(offset);
    CHECK(source.offset(source.position(offset)) == offset);
  }
}

TEST_CASE("source_text: ASCII lines and lines with other text convert columns alike") {
  const std::string long_ascii(100000, 'a');
  const SourceText source("f", long_ascii + "\n\u00fc" + long_ascii + "\r\nz");
  CHECK(source.offset({1, 100000}) == 99999);
  CHECK(source.position(99999) == Position{1, 100000});
  CHECK(source.offset({1, 0}) == 0);  // column 0 does not exist: the line's start
  CHECK(source.offset({2, 2}) == 100001 + 2);
  CHECK(source.position(100001 + 2) == Position{2, 2});
  CHECK(source.offset({2, 100001}) == 100001 + 2 + 99999);
  CHECK(source.offset({3, 1}) == source.bytes().size() - 1);
  CHECK(source.position(source.bytes().size()) == Position{3, 2});
}

TEST_CASE("source_text: offset clamps a column past the end of its line") {
  const SourceText source("f", "ab\ncd");
  CHECK(source.offset({1, 99}) == 2);
  CHECK(source.offset({2, 99}) == 5);
}

TEST_CASE("source_text: offset of a line that does not exist is the end of the text") {
  const SourceText source("f", "ab\ncd");
  CHECK(source.offset({3, 1}) == 5);
  CHECK(source.offset({0, 1}) == 5);
}

TEST_CASE("source_text: position past the end clamps to the end") {
  const SourceText source("f", "ab\ncd");
  CHECK(source.position(100) == Position{2, 3});
}

TEST_CASE("source_text: line_span excludes the line break") {
  const SourceText source("f", "ab\r\ncd\ref\ng");
  CHECK(source.slice(source.line_span(1)) == "ab");
  CHECK(source.slice(source.line_span(2)) == "cd");
  CHECK(source.slice(source.line_span(3)) == "ef");
  CHECK(source.slice(source.line_span(4)) == "g");
  CHECK(source.line_span(1) == Span{0, 2});
  CHECK(source.line_span(2) == Span{4, 6});
}

TEST_CASE("source_text: line_span of a missing line is empty at the end") {
  const SourceText source("f", "ab");
  CHECK(source.line_span(0) == Span{2, 2});
  CHECK(source.line_span(5) == Span{2, 2});
}

TEST_CASE("source_text: slice clamps to the text") {
  const SourceText source("f", "abc");
  CHECK(source.slice({1, 2}) == "b");
  CHECK(source.slice({2, 100}) == "c");
  CHECK(source.slice({100, 200}).empty());
  CHECK(source.slice({2, 1}).empty());
}

TEST_CASE("source_text: find_invalid_utf8 accepts valid text") {
  CHECK(paralint::find_invalid_utf8("") == npos);
  CHECK(paralint::find_invalid_utf8("plain ascii") == npos);
  CHECK(paralint::find_invalid_utf8("ü€😀\U0010FFFF\uD7FF\uE000") == npos);
}

TEST_CASE("source_text: find_invalid_utf8 rejects overlong forms") {
  CHECK(paralint::find_invalid_utf8("ab\xC0\x80") == 2);
  CHECK(paralint::find_invalid_utf8("ab\xC1\xBF") == 2);
  CHECK(paralint::find_invalid_utf8("\xE0\x80\x80") == 0);
  CHECK(paralint::find_invalid_utf8("x\xF0\x80\x80\x80") == 1);
}

TEST_CASE("source_text: find_invalid_utf8 rejects encoded surrogates") {
  CHECK(paralint::find_invalid_utf8("ok\xED\xA0\x80") == 2);
  CHECK(paralint::find_invalid_utf8("\xED\xBF\xBF") == 0);
}

TEST_CASE("source_text: find_invalid_utf8 rejects truncated sequences") {
  CHECK(paralint::find_invalid_utf8("x\xE2\x82") == 1);
  CHECK(paralint::find_invalid_utf8("x\xE2\x82y") == 1);
  CHECK(paralint::find_invalid_utf8("\xF0\x9F\x98") == 0);
  CHECK(paralint::find_invalid_utf8("\xC3") == 0);
}

TEST_CASE("source_text: find_invalid_utf8 rejects code points above U+10FFFF") {
  CHECK(paralint::find_invalid_utf8("\xF4\x90\x80\x80") == 0);
  CHECK(paralint::find_invalid_utf8("\xF5\x80\x80\x80") == 0);
  CHECK(paralint::find_invalid_utf8("\xFF") == 0);
}

TEST_CASE("source_text: find_invalid_utf8 rejects a lone continuation byte") {
  CHECK(paralint::find_invalid_utf8("ab\x80") == 2);
}

TEST_CASE("source_text: decode_utf8 yields U+FFFD and advances one byte on invalid input") {
  char32_t code_point = 0;
  CHECK(paralint::decode_utf8("\xC0\x80", 0, code_point) == 1);
  CHECK(code_point == 0xFFFD);
  CHECK(paralint::decode_utf8("€", 0, code_point) == 3);
  CHECK(code_point == 0x20AC);
}

TEST_CASE("source_text: append_utf8 encodes every length") {
  std::string out;
  for (const char32_t c : {U'a', U'\u00FC', U'\u20AC', U'\U0001F600'}) paralint::append_utf8(out, c);
  CHECK(out == "a\u00FC\u20AC\U0001F600");
  CHECK(paralint::count_code_points(out) == 4);
}

TEST_CASE("read_file: a FIFO is refused at once, not read until a writer comes") {
  const paralint::testing::TempDir dir;
  const auto fifo = dir / "pytest.ini";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::string error;
  CHECK_FALSE(paralint::read_file(fifo, error));
  CHECK(error == "is a named pipe (FIFO), not a file: reading it blocks until another process writes to it; "
                 "paralint does not read it");
}

TEST_CASE("read_file: a device is refused, so /dev/zero cannot fill memory") {
  std::string error;
  CHECK_FALSE(paralint::read_file("/dev/zero", error));
  CHECK(error == "is a character device, not a file; paralint does not read it");
}

TEST_CASE("read_file: a file larger than the limit is refused before it is read") {
  const paralint::testing::TempDir dir;
  const auto big = dir / "pytest.ini";
  dir.write("pytest.ini", "[pytest]\n");
  REQUIRE(::truncate(big.c_str(), static_cast<off_t>(paralint::kMaxFileBytes + 1)) == 0);  // sparse: costs no disk
  std::string error;
  CHECK_FALSE(paralint::read_file(big, error));
  CHECK(error == "is larger than 64 MiB, which paralint does not read");
  REQUIRE(::truncate(big.c_str(), static_cast<off_t>(paralint::kMaxFileBytes)) == 0);
  CHECK(paralint::read_file(big, error)->size() == paralint::kMaxFileBytes);
}

TEST_CASE("read_file: a directory and a missing file fail in Python's words") {
  const paralint::testing::TempDir dir;
  std::string error;
  CHECK_FALSE(paralint::read_file(dir.path(), error));
  CHECK(error == "[Errno 21] Is a directory");
  CHECK_FALSE(paralint::read_file(dir / "missing.ini", error));
  CHECK(error == "[Errno 2] No such file or directory");
}

TEST_CASE("SourceText: line_break gives each line's own break, and none after a last line without one") {
  const paralint::SourceText source("f", "a\r\nb\nc\rd");
  CHECK(source.line_break(1) == "\r\n");
  CHECK(source.line_break(2) == "\n");
  CHECK(source.line_break(3) == "\r");
  CHECK(source.line_break(4) == "");
  CHECK(source.line_break(9) == "");
}
