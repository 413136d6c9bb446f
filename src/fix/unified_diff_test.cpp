#include "paralint/fix/unified_diff.hpp"

#include <doctest/doctest.h>

#include <string>

using paralint::unified_diff;

TEST_CASE("unified_diff: nothing for equal texts") { CHECK(unified_diff("a\nb\n", "a\nb\n", "x") == ""); }

TEST_CASE("unified_diff: a change with three lines of context, numbered as diff -u numbers it") {
  const std::string before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
  const std::string after = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
  CHECK(unified_diff(before, after, "pytest.ini") ==
        "--- a/pytest.ini\n+++ b/pytest.ini\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
}

TEST_CASE("unified_diff: changes far apart are separate hunks; near ones share one") {
  std::string before;
  for (int i = 1; i <= 20; ++i) before += std::to_string(i) + "\n";
  std::string after = before;
  after.replace(after.find("2\n"), 2, "two\n");
  after.replace(after.find("18\n"), 3, "eighteen\n");
  const auto diff = unified_diff(before, after, "f");
  CHECK(diff.find("@@ -1,5 +1,5 @@") != std::string::npos);
  CHECK(diff.find("@@ -15,6 +15,6 @@") != std::string::npos);
}

TEST_CASE("unified_diff: insertions at the start, a file without its last line break, CRLF kept") {
  CHECK(unified_diff("a\n", "new\na\n", "f") == "--- a/f\n+++ b/f\n@@ -1 +1,2 @@\n+new\n a\n");
  CHECK(unified_diff("a", "a\n", "f") ==
        "--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+a\n");
  CHECK(unified_diff("a\r\nb\r\n", "a\r\nc\r\n", "f") == "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\r\n-b\r\n+c\r\n");
}
