#include "paralint/read/shlex.hpp"

#include <doctest/doctest.h>

using paralint::shlex_split;

namespace {

std::vector<std::string> texts(const paralint::ShlexResult& result) {
  std::vector<std::string> out;
  for (const auto& token : result.tokens) out.push_back(token.text);
  return out;
}

}  // namespace

TEST_CASE("shlex: comment characters are ordinary, as in pytest's shlex.split") {
  CHECK(texts(shlex_split("-v  # verbose ; x")) == std::vector<std::string>{"-v", "#", "verbose", ";", "x"});
}

TEST_CASE("shlex: quotes group, empty quotes make an empty token") {
  CHECK(texts(shlex_split(R"(-k 'a and b' "x y" '' -m"slow")")) ==
        std::vector<std::string>{"-k", "a and b", "x y", "", "-mslow"});
}

TEST_CASE("shlex: backslashes follow POSIX rules") {
  CHECK(texts(shlex_split(R"(a\ b "c\"d" "e\f" 'g\h')")) == std::vector<std::string>{"a b", "c\"d", "e\\f", "g\\h"});
}

TEST_CASE("shlex: only space, tab, CR and LF separate tokens") {
  CHECK(texts(shlex_split("a\fb\tc\nd")) == std::vector<std::string>{"a\fb", "c", "d"});
}

TEST_CASE("shlex: errors") {
  CHECK(shlex_split("-k 'oops").error == "No closing quotation");
  CHECK(shlex_split("-k 'oops").error_offset == 3);
  CHECK(shlex_split("trailing\\").error == "No escaped character");
}

TEST_CASE("shlex: token spans cover the quotes") {
  const auto result = shlex_split("  -k 'a b'");
  REQUIRE(result.tokens.size() == 2);
  CHECK(result.tokens[1].begin == 5);
  CHECK(result.tokens[1].end == 10);
}
