#include "rules/filterwarnings/python_regex.hpp"

#include <doctest/doctest.h>

#include <utility>
#include <vector>

using paralint::rules::check_python_regex;
using paralint::rules::RegexVerdict;

// Expected texts are str(re.error) from CPython 3.11's re.compile(pattern, re.I).
TEST_CASE("python regex: errors every Python 3 raises, with Python's message") {
  const std::vector<std::pair<const char*, const char*>> cases = {
      {"*foo*", "nothing to repeat at position 0"},
      {"foo(", "missing ), unterminated subpattern at position 3"},
      {"foo)", "unbalanced parenthesis at position 3"},
      {"a**", "multiple repeat at position 2"},
      {"a*??", "multiple repeat at position 3"},
      {"[abc", "unterminated character set at position 0"},
      {"[]", "unterminated character set at position 0"},
      {"a{2}*", "multiple repeat at position 4"},
      {"x{,}*", "multiple repeat at position 4"},
      {R"(\q)", R"(bad escape \q at position 0)"},
      {"\\", "bad escape (end of pattern) at position 0"},
      {"[z-a]", "bad character range z-a at position 1"},
      {R"([\A])", R"(bad escape \A at position 1)"},
      {"^*", "nothing to repeat at position 1"},
      {"$+", "nothing to repeat at position 1"},
      {R"(\b?)", "nothing to repeat at position 2"},
      {"(a|*b)", "nothing to repeat at position 3"},
      {"((a)", "missing ), unterminated subpattern at position 0"},
      {"(a(b", "missing ), unterminated subpattern at position 2"},
      {"\xc3\xbc"
       "n"
       "\xc3\xaf"
       "code(",
       "missing ), unterminated subpattern at position 7"},
      {R"(\e)", R"(bad escape \e at position 0)"},
      {"a{1,2}{3}", "multiple repeat at position 6"},
  };
  for (const auto& entry : cases) {
    const auto& pattern = entry.first;  // CAPTURE's lambda cannot capture a structured binding (clang)
    CAPTURE(pattern);
    const auto verdict = check_python_regex(pattern);
    CHECK(verdict.kind == RegexVerdict::Kind::Invalid);
    CHECK(verdict.message == entry.second);
  }
}

TEST_CASE("python regex: patterns Python compiles") {
  for (const char* pattern : {"",
                              "foo",
                              "a*?",
                              "[]a]",
                              "[^]a]",
                              "a{2",
                              "x{}",
                              R"(foo\(bar)",
                              R"(\d+\.\d+)",
                              R"(\Z)",
                              "(?:a)*",
                              "(?P<n>a)",
                              R"x(.*The new signature is "def engine_connect\(conn\)"*)x",
                              R"(\x41)",
                              "\xc3\xa9*",
                              R"([\b])",
                              "a|",
                              "|a",
                              "a||b",
                              "()*",
                              ".*pkg_resources.*"}) {
    CAPTURE(pattern);
    CHECK(check_python_regex(pattern).kind == RegexVerdict::Kind::Valid);
  }
}

TEST_CASE("python regex: release-dependent or unfollowed constructs are unknown, never errors") {
  for (const char* pattern : {"a*+", "(?=a)*", "(?i)abc", "(?<=a)b", R"(\x4)", R"(\N{DASH})", R"(\1)", "(a)\\1",
                              "a{3,2}", "(?#c)", "(?P<1>a)", "(?P=n)", R"([\d-z])"}) {
    CAPTURE(pattern);
    CHECK(check_python_regex(pattern).kind == RegexVerdict::Kind::Unknown);
  }
}
