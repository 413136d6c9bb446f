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

using paralint::native_toml_value;

namespace {

std::string native(std::string_view text, std::string_view type) {
  std::string why;
  const auto value = native_toml_value(text, type, "\n", why);
  return value ? *value : "refused: " + why;
}

}  // namespace

TEST_CASE("migrate: an INI string becomes the native TOML value pytest 9 reads for the key's type") {
  // args and paths: split as shlex.split splits them, each token one list item.
  CHECK(native(R"(-ra -k "not slow"   -p no:cacheprovider)", "args") ==
        R"(["-ra", "-k", "not slow", "-p", "no:cacheprovider"])");
  CHECK(native("tests \"odd dir\"", "paths") == R"(["tests", "odd dir"])");
  CHECK(native("", "args") == "[]");
  CHECK(native("-k 'unclosed", "args").starts_with("refused: pytest cannot split it"));
  // linelist: one item a non-blank line, stripped; a long list one item a line.
  CHECK(native("\n  slow: takes long\n\n  serial\n", "linelist") == R"(["slow: takes long", "serial"])");
  CHECK(native("error\nignore::DeprecationWarning:a.very.long.module.name\nignore::UserWarning:another.module", "linelist") ==
        "[\n    \"error\",\n    \"ignore::DeprecationWarning:a.very.long.module.name\",\n"
        "    \"ignore::UserWarning:another.module\",\n]");
  // bool: pytest's _strtobool words, any case; nothing else.
  CHECK(native("Yes", "bool") == "true");
  CHECK(native("0", "bool") == "false");
  CHECK(native(" true", "bool").starts_with("refused: not a truth value"));
  // int and float: what Python's int() and float() accept, written as TOML spells them.
  CHECK(native(" 007 ", "int") == "7");
  CHECK(native("-1_000", "int") == "-1000");
  CHECK(native("1__0", "int").starts_with("refused"));
  CHECK(native("0x10", "int").starts_with("refused"));
  CHECK(native("300", "float") == "300.0");
  CHECK(native(".5", "float") == "0.5");
  CHECK(native("1e3", "float") == "1000.0");
  CHECK(native("-Infinity", "float") == "-inf");
  CHECK(native("0x1p3", "float").starts_with("refused"));
  // string, and a type paralint does not know: the string as it is.
  CHECK(native("300", "string") == R"("300")");
}
