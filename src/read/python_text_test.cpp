#include "paralint/read/python_text.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>

namespace python = paralint::python;

// Expected values below were taken from /usr/bin/python3 (CPython 3.11).

TEST_CASE("python_text: is_space accepts the ASCII separators \\x1c-\\x1f as str.isspace() does") {
  for (char32_t c = 0x1C; c <= 0x1F; ++c) CHECK(python::is_space(c));
  CHECK(python::is_space(U'\t'));
  CHECK(python::is_space(U'\n'));
  CHECK(python::is_space(U'\v'));
  CHECK(python::is_space(U'\f'));
  CHECK(python::is_space(U'\r'));
  CHECK(python::is_space(U' '));
  CHECK_FALSE(python::is_space(U'\x1b'));
  CHECK_FALSE(python::is_space(U'a'));
}

TEST_CASE("python_text: is_space accepts NEL, NBSP, U+2028 and U+3000") {
  CHECK(python::is_space(0x85));
  CHECK(python::is_space(0xA0));
  CHECK(python::is_space(0x2028));
  CHECK(python::is_space(0x2029));
  CHECK(python::is_space(0x202F));
  CHECK(python::is_space(0x205F));
  CHECK(python::is_space(0x3000));
}

TEST_CASE("python_text: is_space rejects zero-width and format characters") {
  CHECK_FALSE(python::is_space(0x200B));  // ZERO WIDTH SPACE is Cf, not whitespace
  CHECK_FALSE(python::is_space(0x180E));
  CHECK_FALSE(python::is_space(0xFEFF));
}

TEST_CASE("python_text: strip removes multi-byte whitespace at both ends") {
  // "\u3000 a\u00a0 \u2029".strip() == 'a'
  CHECK(python::strip("\u3000 a\u00a0 \u2029") == "a");
  // "\x85" is NEL, two bytes in UTF-8
  CHECK(python::strip("\xC2\x85x\xC2\x85") == "x");
  CHECK(python::strip("\x1c\x1f x y \t") == "x y");
  CHECK(python::strip(" \t ").empty());
  CHECK(python::strip("").empty());
}

TEST_CASE("python_text: lstrip and rstrip keep the other end") {
  CHECK(python::lstrip("\u3000 a\u00a0") == "a\u00a0");
  CHECK(python::rstrip("\u3000a\u00a0 ") == "\u3000a");
  CHECK(python::rstrip("a\u2028") == "a");
}

TEST_CASE("python_text: strip keeps U+200B, which is not whitespace") {
  CHECK(python::strip("a\u200b") == "a\u200b");
  CHECK(python::strip("\u200b a") == "\u200b a");
}

TEST_CASE("python_text: strip returns a view into the input") {
  const std::string text = "  key  ";
  const auto stripped = python::strip(text);
  CHECK(stripped.data() == text.data() + 2);
  CHECK(stripped.size() == 3);
}

TEST_CASE("python_text: repr prefers single quotes") {
  CHECK(python::repr("abc") == "'abc'");
  CHECK(python::repr("") == "''");
  CHECK(python::repr("say \"hi\"") == "'say \"hi\"'");
}

TEST_CASE("python_text: repr switches to double quotes for a single quote alone") {
  CHECK(python::repr("it's") == "\"it's\"");
}

TEST_CASE("python_text: repr with both quote kinds escapes the single quote") {
  CHECK(python::repr("both ' and \"") == R"('both \' and "')");
}

TEST_CASE("python_text: repr escapes backslash, tab, newline and carriage return") {
  CHECK(python::repr("back\\slash") == R"('back\\slash')");
  CHECK(python::repr("\t\n\r") == R"('\t\n\r')");
}

TEST_CASE("python_text: repr hex-escapes control characters") {
  CHECK(python::repr("\x7f") == R"('\x7f')");
  CHECK(python::repr(std::string("\x00\x1b", 2)) == R"('\x00\x1b')");
  // NEL, NBSP and SOFT HYPHEN are not printable
  CHECK(python::repr("\xC2\x85\xC2\xA0\xC2\xAD") == R"('\x85\xa0\xad')");
}

TEST_CASE("python_text: repr escapes a BOM and U+2028 as \\u") {
  CHECK(python::repr("\ufeff[pytest]") == R"('\ufeff[pytest]')");
  CHECK(python::repr("a\u2028b") == R"('a\u2028b')");
}

TEST_CASE("python_text: repr escapes non-printable astral code points as \\U") {
  CHECK(python::repr("\U000E0001") == R"('\U000e0001')");
}

TEST_CASE("python_text: repr keeps printable non-ASCII text") {
  CHECK(python::repr("héllo wörld ✓ 日本") == "'héllo wörld ✓ 日本'");
  CHECK(python::repr("\U0001F600") == "'\U0001F600'");
}

TEST_CASE("python_text: float_repr matches Python's repr(float)") {
  CHECK(python::float_repr(0.1) == "0.1");
  CHECK(python::float_repr(1e16) == "1e+16");
  CHECK(python::float_repr(1e15) == "1000000000000000.0");
  CHECK(python::float_repr(1e-5) == "1e-05");
  CHECK(python::float_repr(0.0001) == "0.0001");
  CHECK(python::float_repr(-0.0) == "-0.0");
  CHECK(python::float_repr(1e300) == "1e+300");
  CHECK(python::float_repr(3.141592653589793) == "3.141592653589793");
  CHECK(python::float_repr(1000.5) == "1000.5");
  CHECK(python::float_repr(5e-324) == "5e-324");
  CHECK(python::float_repr(2.0) == "2.0");
  CHECK(python::float_repr(1.5e-7) == "1.5e-07");
  CHECK(python::float_repr(1e22) == "1e+22");
  CHECK(python::float_repr(123456789012345678.0) == "1.2345678901234568e+17");
  CHECK(python::float_repr(9999999999999998.0) == "9999999999999998.0");
}

TEST_CASE("python_text: float_repr writes inf and nan in lower case") {
  CHECK(python::float_repr(std::numeric_limits<double>::infinity()) == "inf");
  CHECK(python::float_repr(-std::numeric_limits<double>::infinity()) == "-inf");
  CHECK(python::float_repr(std::nan("")) == "nan");
}

// Python 3.11.2 (Unicode 14.0.0) printed these.
TEST_CASE("python_text: repr escapes exactly what str.isprintable() rejects") {
  CHECK(python::repr("\u0378") == R"('\u0378')");
  CHECK(python::repr("\u0600") == R"('\u0600')");
  CHECK(python::repr("\U000E0100") == "'\U000E0100'");
}

// Python 3.11.2 printed these: int(s) and float(s) for each string.
TEST_CASE("python_text: int_accepts agrees with int() of a str") {
  for (const auto* text : {"3", " 3 ", "+3", "-3", "007", "1_000", "\t42\n"})
    CHECK_MESSAGE(paralint::python::int_accepts(text), text);
  for (const auto* text : {"", " ", "x", "3.0", "1_", "_1", "1__0", "0x10", "3 4", "+", "1e3"}) {
    CHECK_FALSE_MESSAGE(paralint::python::int_accepts(text), text);
  }
}

TEST_CASE("python_text: float_accepts agrees with float() of a str") {
  for (const auto* text :
       {"1", "1.5", ".5", "5.", "1e3", "1E-3", "+.5e+2", " 2 ", "inf", "-Infinity", "nan", "1_0.5", "+.5e-3_0", "1_0"}) {
    CHECK_MESSAGE(paralint::python::float_accepts(text), text);
  }
  for (const auto* text : {"", ".", "e3", "1e", "abc", "1_.5", "1._5", "infinit", "1.5.2", "0x1p3", "1__0", "_1", "1_", "5min"}) {
    CHECK_FALSE_MESSAGE(paralint::python::float_accepts(text), text);
  }
}

TEST_CASE("python_text: pytest's _strtobool, as Python 3.11 printed it") {
  CHECK(python::strtobool("TRUE") == true);
  CHECK(python::strtobool("on") == true);
  CHECK(python::strtobool("0") == false);
  CHECK(python::strtobool("Off") == false);
  CHECK_FALSE(python::strtobool("maybe").has_value());
  CHECK_FALSE(python::strtobool("").has_value());
  CHECK_FALSE(python::strtobool("[true]").has_value());
}
