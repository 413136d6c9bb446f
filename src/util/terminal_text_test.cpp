#include "paralint/util/terminal_text.hpp"

#include <doctest/doctest.h>

using paralint::printable;
using paralint::printable_lines;

TEST_CASE("terminal text: control characters are shown as control pictures") {
  CHECK(printable("plain -n auto") == "plain -n auto");
  CHECK(printable("\x1b[2J\x1b]0;owned\x07") == "\u241b[2J\u241b]0;owned\u2407");
  CHECK(printable("a\rb\nc") == "a\u240db\u240ac");
  CHECK(printable(std::string_view("nul\0del\x7f", 8)) == "nul\u2400del\u2421");
  CHECK(printable("tab\tkept") == "tab\tkept");
}

TEST_CASE("terminal text: C1 controls become U+FFFD, other UTF-8 is kept") {
  CHECK(printable("\xc2\x9b" "31m") == "\ufffd31m");
  CHECK(printable("caf\xc3\xa9 \xc2\xa0 \xf0\x9d\x84\x9e") == "caf\xc3\xa9 \xc2\xa0 \xf0\x9d\x84\x9e");
}

TEST_CASE("terminal text: printable_lines keeps line feeds and nothing else") {
  CHECK(printable_lines("one\ntwo\r\x1b") == "one\ntwo\u240d\u241b");
}
