#include "paralint/model/coverage_config.hpp"

#include <doctest/doctest.h>

#include "support/temp_dir.hpp"

using paralint::testing::TempDir;

// Expected outcomes were checked with Debian's coverage 6.5.0 (configparser, tomllib).

TEST_CASE("coverage_config: the rcfile, then setup.cfg, tox.ini and pyproject.toml, those that exist") {
  TempDir dir;
  dir.write("setup.cfg", "[coverage:run]\nbranch = true\n");
  dir.write("tox.ini", "[tox]\n");
  dir.write("pyproject.toml", "[tool.coverage.run]\nbranch = true\n");
  const auto files = paralint::coverage_config_files(dir.path(), std::nullopt);
  REQUIRE(files.size() == 3);
  CHECK(files[0].name == "setup.cfg");
  CHECK_FALSE(files[0].ours);
  CHECK(files[1].name == "tox.ini");
  CHECK(files[2].name == "pyproject.toml");
  CHECK(files[2].toml);
  REQUIRE(files[2].find("run") != nullptr);
  CHECK(files[2].find("run")->name == "tool.coverage.run");
}

TEST_CASE("coverage_config: option names are lower-cased and located as written; [run] counts only in the rcfile") {
  TempDir dir;
  dir.write(".coveragerc", "# settings\n[run]\n  Branch : true\nomit =\n    a.py\n    b.py\n[coverage:report]\nx=1\n");
  dir.write("setup.cfg", "[run]\nbranch = true\n");
  const auto files = paralint::coverage_config_files(dir.path(), std::nullopt);
  REQUIRE(files.size() == 2);
  const auto* run = files[0].find("run");
  REQUIRE(run != nullptr);
  REQUIRE(run->options.size() == 2);  // the indented lines continue `omit`
  CHECK(run->options[0].name == "branch");
  CHECK(files[0].source->slice(run->options[0].span) == "Branch");
  CHECK(files[0].find("report")->name == "coverage:report");
  CHECK(files[1].find("run") == nullptr);  // setup.cfg: only [coverage:run]
}

TEST_CASE("coverage_config: what configparser refuses makes the file unreadable") {
  TempDir dir;
  dir.write(".coveragerc", "[run]\nbranch = 1\nbranch = 2\n");
  CHECK(paralint::coverage_config_files(dir.path(), std::nullopt).front().error);
  dir.write(".coveragerc", "branch = 1\n");
  CHECK(paralint::coverage_config_files(dir.path(), std::nullopt).front().error);
  dir.write(".coveragerc", "[run]\njust a line\n");
  CHECK(paralint::coverage_config_files(dir.path(), std::nullopt).front().error);
}

TEST_CASE("coverage_config: a pyproject.toml is read only when a line starts [tool.coverage.") {
  TempDir dir;
  dir.write("pyproject.toml", "[tool.coverage]\nrun = { branch = true }\n");
  CHECK(paralint::coverage_config_files(dir.path(), std::nullopt).empty());
  // Named as the rcfile it is read all the same.
  const auto named = paralint::coverage_config_files(dir.path(), std::string("pyproject.toml"));
  REQUIRE_FALSE(named.empty());
  CHECK(named.front().ours);
  CHECK(named.front().find("run") != nullptr);
}
