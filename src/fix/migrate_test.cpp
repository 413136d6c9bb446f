#include "paralint/fix/migrate.hpp"

#include <doctest/doctest.h>

using paralint::toml_string;

TEST_CASE("migrate: a value as a TOML string that holds it exactly") {
  CHECK(toml_string("-ra -q", "\n") == R"("-ra -q")");
  CHECK(toml_string(R"(-k "not slow" \d)", "\n") == R"("-k \"not slow\" \\d")");
  CHECK(toml_string("a\tb\x01", "\n") == R"("a\tb\u0001")");
  // Several lines: a multi-line string, its first line break not part of the value, each
  // line break in the file's own style (a TOML reader turns it back into "\n").
  CHECK(toml_string("-ra\n-q", "\r\n") == "\"\"\"\r\n-ra\r\n-q\"\"\"");
  // Quotes stay escaped inside one, so that no run of three closes it early.
  CHECK(toml_string("a\n\"\"\"", "\n") == "\"\"\"\na\n\\\"\\\"\\\"\"\"\"");
}
