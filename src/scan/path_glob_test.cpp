#include "paralint/scan/path_glob.hpp"

#include <doctest/doctest.h>

namespace {

bool path_glob_matches(std::string_view pattern, const std::filesystem::path& path) {
  std::string error;
  const auto glob = paralint::PathGlob::compile(pattern, "/repo", error);
  REQUIRE_MESSAGE(glob.has_value(), error);
  return glob->matches(path);
}

}  // namespace

TEST_CASE("path glob: a bare name matches at any depth, a path from the base") {
  CHECK(path_glob_matches("tox.ini", "/repo/tox.ini"));
  CHECK(path_glob_matches("tox.ini", "/repo/pkg/sub/tox.ini"));
  CHECK(path_glob_matches("*.cfg", "/repo/pkg/setup.cfg"));
  CHECK_FALSE(path_glob_matches("*.cfg", "/repo/pkg/setup.cfg.bak"));
  CHECK(path_glob_matches("pkg/*.ini", "/repo/pkg/pytest.ini"));
  CHECK_FALSE(path_glob_matches("pkg/*.ini", "/repo/other/pkg/pytest.ini"));  // anchored at the base
  CHECK_FALSE(path_glob_matches("pkg/*.ini", "/repo/pkg/sub/pytest.ini"));    // `*` stays in one component
  CHECK(path_glob_matches("/tox.ini", "/repo/tox.ini"));
  CHECK_FALSE(path_glob_matches("/tox.ini", "/repo/pkg/tox.ini"));
  CHECK(path_glob_matches("./pkg/pytest.ini", "/repo/pkg/pytest.ini"));
}

TEST_CASE("path glob: ** spans directories, a directory covers what is below it") {
  CHECK(path_glob_matches("**/legacy/*.ini", "/repo/legacy/pytest.ini"));
  CHECK(path_glob_matches("**/legacy/*.ini", "/repo/a/b/legacy/pytest.ini"));
  CHECK(path_glob_matches("packages/**", "/repo/packages/x/pyproject.toml"));
  CHECK(path_glob_matches("packages/**/pytest.ini", "/repo/packages/pytest.ini"));
  CHECK(path_glob_matches("legacy", "/repo/a/legacy/pytest.ini"));
  CHECK(path_glob_matches("packages/old/", "/repo/packages/old/tox.ini"));
  CHECK_FALSE(path_glob_matches("packages/old", "/repo/packages/older/tox.ini"));
}

TEST_CASE("path glob: classes and single characters") {
  CHECK(path_glob_matches("pytest.in?", "/repo/pytest.ini"));
  CHECK(path_glob_matches("[ps]*.toml", "/repo/pyproject.toml"));
  CHECK_FALSE(path_glob_matches("[!p]*.toml", "/repo/pyproject.toml"));
  CHECK(path_glob_matches("a[!x]b", "/repo/a-b"));
  CHECK_FALSE(path_glob_matches("a?b", "/repo/a/b"));
  CHECK(path_glob_matches("a+b.ini", "/repo/a+b.ini"));  // regex characters are literal
}

TEST_CASE("path glob: outside the base only bare names match") {
  CHECK(path_glob_matches("pytest.ini", "/elsewhere/pytest.ini"));
  CHECK_FALSE(path_glob_matches("elsewhere/pytest.ini", "/elsewhere/pytest.ini"));
  CHECK(path_glob_matches("pytest.ini", "/repo/pkg/../pytest.ini"));
}

TEST_CASE("path glob: malformed patterns are refused") {
  std::string error;
  CHECK_FALSE(paralint::PathGlob::compile("pkg/[abc", "/repo", error).has_value());
  CHECK(error.find("unclosed `[`") != std::string::npos);
  CHECK_FALSE(paralint::PathGlob::compile("./", "/repo", error).has_value());
}
