#include "paralint/scan/workspace.hpp"

#include <doctest/doctest.h>

#include <sys/stat.h>

#include <filesystem>
#include <string>
#include <vector>

#include "support/temp_dir.hpp"

using paralint::expand_check_paths;
using paralint::skipped_by_name;
using paralint::testing::TempDir;

namespace fs = std::filesystem;

namespace {

// The targets for `paths` (relative to the temp dir), relative to it, "." for itself.
std::vector<std::string> targets(const TempDir& dir, const std::vector<std::string>& paths,
                                 const std::vector<std::string>& exclude = {}) {
  std::vector<std::string> absolute;
  absolute.reserve(paths.size());
  for (const auto& path : paths) absolute.push_back((dir / path).string());
  std::string error;
  std::vector<paralint::UnreadPath> unread;
  const auto expanded = expand_check_paths(absolute, exclude, unread, error);
  REQUIRE(unread.empty());
  REQUIRE_MESSAGE(expanded, error);
  std::vector<std::string> shown;
  for (const auto& target : *expanded) shown.push_back(target.lexically_relative(dir.path()).generic_string());
  return shown;
}

std::vector<std::string> targets(const TempDir& dir) { return targets(dir, {"."}); }

using Names = std::vector<std::string>;

}  // namespace

TEST_CASE("workspace: the directory itself, then each directory below holding a config-named file, sorted") {
  TempDir dir;
  dir.write("pyproject.toml", "[tool.pytest.ini_options]\n");
  dir.write("packages/b/setup.cfg", "[metadata]\n");  // no pytest section: pytest still examines it
  dir.write("packages/a/pytest.ini", "[pytest]\n");
  dir.write("packages/a/sub/tox.ini", "");
  dir.write("packages/a-z/pytest.toml", "");  // only a newer pytest reads it: still a package
  dir.write("packages/a/.pytest.ini", "");
  dir.write("docs/conf.py", "");
  dir.write("packages/c/conftest.py", "");
  CHECK(targets(dir) == Names{".", "packages/a", "packages/a/sub", "packages/a-z", "packages/b"});
}

TEST_CASE("workspace: a directory PATH without a config file is still linted, as before") {
  TempDir dir;
  dir.mkdir("empty");
  CHECK(targets(dir, {"empty"}) == Names{"empty"});
}

TEST_CASE("workspace: tool, environment and build folders are not entered") {
  TempDir dir;
  for (const auto* folder : {".git", ".tox", "node_modules", "build", "dist", "src/pkg.egg-info", "__pycache__",
                             ".venv", "venv", ".mypy_cache", ".pytest_cache", ".ruff_cache", "lib/site-packages/x"}) {
    dir.write(fs::path(folder) / "setup.cfg", "");
  }
  dir.write("env/pyvenv.cfg", "home = /usr/bin\n");  // a virtualenv under any name
  dir.write("env/lib/pkg/setup.cfg", "");
  dir.write("env/setup.cfg", "");
  dir.mkdir("conda/conda-meta");
  dir.write("conda/tox.ini", "");
  dir.write("ok/tox.ini", "");
  CHECK(targets(dir) == Names{".", "ok"});
  CHECK(skipped_by_name("x.egg-info"));
  CHECK_FALSE(skipped_by_name("builder"));
}

TEST_CASE("workspace: the PATHs themselves are never skipped") {
  TempDir dir;
  dir.write("build/setup.cfg", "");
  dir.write("build/inner/tox.ini", "");
  dir.write("build/inner/dist/tox.ini", "");
  dir.write(".gitignore", "build/\n");
  CHECK(targets(dir, {"build"}) == Names{"build", "build/inner"});
}

TEST_CASE("workspace: .gitignore files, nested ones and negation, decide what the walk skips") {
  TempDir dir;
  dir.write(".gitignore", "generated/\n*.cfg\n!keep.cfg\n");
  dir.write("generated/tox.ini", "");
  dir.write("a/setup.cfg", "");  // ignored: a/ holds no other config file
  dir.write("b/setup.cfg", "");
  dir.write("b/tox.ini", "");  // b/ is a package by its tox.ini
  dir.write("c/.gitignore", "!/generated/\n");
  dir.write("c/generated/pytest.ini", "");  // brought back by c/'s own .gitignore
  dir.write("d/.gitignore", "*\n");
  dir.write("d/pytest.ini", "");
  dir.write("d/e/pytest.ini", "");
  CHECK(targets(dir) == Names{".", "b", "c/generated"});
}

TEST_CASE("workspace: a directory a .gitignore excludes cannot be brought back from inside it") {
  TempDir dir;
  dir.write(".gitignore", "out/\n!out/pkg/\n");
  dir.write("out/pkg/pytest.ini", "");
  CHECK(targets(dir) == Names{"."});
}

TEST_CASE("workspace: .gitignore files above the PATH count up to the top of the git work tree") {
  TempDir dir;
  dir.mkdir(".git/info");
  dir.write(".git/info/exclude", "scratch/\n");
  dir.write(".gitignore", "/repo/pkg/generated/\n");
  dir.write("repo/.gitignore", "vendored/\n");
  dir.write("repo/pkg/generated/pytest.ini", "");
  dir.write("repo/pkg/vendored/pytest.ini", "");
  dir.write("repo/pkg/scratch/pytest.ini", "");
  dir.write("repo/pkg/real/pytest.ini", "");
  CHECK(targets(dir, {"repo/pkg"}) == Names{"repo/pkg", "repo/pkg/real"});
  // A .gitignore file above the work tree's top is not the repository's.
  TempDir outside;
  outside.write(".gitignore", "real/\n");
  outside.write("project/real/pytest.ini", "");
  CHECK(targets(outside, {"project"}) == Names{"project", "project/real"});
}

TEST_CASE("workspace: an ignore file that cannot be read is reported, and the walk goes on without it") {
  TempDir dir;
  dir.mkdir(".git/info");
  REQUIRE(::mkfifo((dir / ".git/info/exclude").c_str(), 0600) == 0);  // never opened for a blocking read
  dir.write("pkg/pytest.ini", "");
  std::string error;
  std::vector<paralint::UnreadPath> unread;
  const auto expanded = expand_check_paths({dir.path().string()}, {}, unread, error);
  REQUIRE(expanded);
  CHECK(expanded->size() == 2);
  REQUIRE(unread.size() == 1);
  CHECK(unread[0].kind == paralint::UnreadPath::Kind::IgnoreFile);
  CHECK(unread[0].path == dir / ".git/info/exclude");
  CHECK(unread[0].reason.find("FIFO") != std::string::npos);
  // Above the PATH too, shown relative to it.
  unread.clear();
  REQUIRE(expand_check_paths({(dir / "pkg").string()}, {}, unread, error));
  REQUIRE(unread.size() == 1);
  CHECK(unread[0].path == dir / ".git/info/exclude");
}

TEST_CASE("workspace: a nested repository's ignore rules are its own") {
  TempDir dir;
  dir.write(".gitignore", "tests/\n");
  dir.write("vendor/lib/.git/HEAD", "ref: refs/heads/main\n");
  dir.write("vendor/lib/tests/pytest.ini", "");
  dir.write("tests/pytest.ini", "");
  CHECK(targets(dir) == Names{".", "vendor/lib/tests"});
}

TEST_CASE("workspace: --exclude globs are gitignore patterns relative to each PATH") {
  TempDir dir;
  dir.write("legacy/pytest.ini", "");
  dir.write("pkg/one/tests/fixtures/pytest.ini", "");
  dir.write("pkg/two/pytest.ini", "");
  dir.write("pkg/two/setup.cfg", "");
  dir.write("build/pytest.ini", "");
  CHECK(targets(dir, {"."}, {"legacy", "fixtures/"}) == Names{".", "pkg/two"});
  CHECK(targets(dir, {"."}, {"/pkg/two/pytest.ini", "legacy/"}) == Names{".", "pkg/one/tests/fixtures", "pkg/two"});
  CHECK(targets(dir, {"."}, {"pkg/*/pytest.ini", "pkg/*/setup.cfg"}) == Names{".", "legacy", "pkg/one/tests/fixtures"});
  CHECK(targets(dir, {"pkg"}, {"/one"}) == Names{"pkg", "pkg/two"});
  // `*/` leaves every directory below out: the PATH alone, as before the walk existed.
  CHECK(targets(dir, {"."}, {"*/"}) == Names{"."});
  // A negated glob brings back what the defaults skip.
  CHECK(targets(dir, {"."}, {"!build/"}) == Names{".", "build", "legacy", "pkg/one/tests/fixtures", "pkg/two"});
}

TEST_CASE("workspace: files are linted as given, even where the walk would skip them") {
  TempDir dir;
  dir.write(".gitignore", "ignored/\n");
  dir.write("ignored/pytest.ini", "");
  dir.write("custom.ini", "[pytest]\n");
  CHECK(targets(dir, {"ignored/pytest.ini", "custom.ini"}, {"*.ini"}) == Names{"custom.ini", "ignored/pytest.ini"});
}

TEST_CASE("workspace: paths given twice, spelt twice or overlapping are linted once") {
  TempDir dir;
  dir.write("pytest.ini", "");
  dir.write("sub/tox.ini", "");
  CHECK(targets(dir, {".", "sub", "./sub/", ".", "sub/../sub"}) == Names{".", "sub"});
  CHECK(targets(dir, {"pytest.ini", "./pytest.ini"}) == Names{"pytest.ini"});
  // A file and its directory are two readings (`-c FILE` and pytest started there).
  CHECK(targets(dir, {"sub/tox.ini", "sub"}) == Names{"sub", "sub/tox.ini"});
  fs::create_directory_symlink(dir / "sub", dir / "alias");
  CHECK(targets(dir, {"sub", "alias"}).size() == 1);
}

TEST_CASE("workspace: symbolic links to directories are not followed") {
  TempDir dir;
  dir.write("real/pytest.ini", "");
  dir.mkdir("tree");
  fs::create_directory_symlink(dir / "real", dir / "tree" / "link");
  CHECK(targets(dir, {"tree"}) == Names{"tree"});
}

TEST_CASE("workspace: a PATH that does not exist is an error") {
  TempDir dir;
  std::string error;
  std::vector<paralint::UnreadPath> unread;
  CHECK_FALSE(expand_check_paths({(dir / "missing").string()}, {}, unread, error));
  CHECK(error == (dir / "missing").string() + ": No such file or directory");
}
