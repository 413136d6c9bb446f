#include "paralint/model/environment.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "support/temp_dir.hpp"

using paralint::testing::TempDir;

namespace {

// "X.Y.Z" of the newest release satisfying `specifiers`, or "none".
std::string newest(const std::vector<std::string>& specifiers) {
  const auto version = paralint::newest_satisfying(paralint::known_versions().pytest.releases, specifiers);
  return version ? version->str() : "none";
}

}  // namespace

// --- newest_satisfying (answers checked with packaging 23.0's SpecifierSet) -------------

TEST_CASE("environment: newest_satisfying with >=, <, <= and >") {
  CHECK(newest({">=8"}) == "9.1.1");
  CHECK(newest({"<8"}) == "7.4.4");
  CHECK(newest({"<=7.2"}) == "7.2.0");  // 7.2 means 7.2.0
  CHECK(newest({">7.2,<7.3"}) == "7.2.2");
  CHECK(newest({"<7.2"}) == "7.1.3");
}

TEST_CASE("environment: newest_satisfying with == and wildcards") {
  CHECK(newest({"==8.0.1"}) == "8.0.1");
  CHECK(newest({"==7.2"}) == "7.2.0");
  CHECK(newest({"==7.2.*"}) == "7.2.2");
  CHECK(newest({"!=9.*"}) == "8.4.2");
  CHECK(newest({"==9.*,!=9.1.*"}) == "9.0.3");
}

TEST_CASE("environment: newest_satisfying with the compatible-release operator") {
  CHECK(newest({"~=7.2"}) == "7.4.4");
  CHECK(newest({"~=7.2.0"}) == "7.2.2");
}

TEST_CASE("environment: newest_satisfying with != excludes one release") { CHECK(newest({"!=9.1.1"}) == "9.1.0"); }

TEST_CASE("environment: newest_satisfying combines comma lists and several groups") {
  CHECK(newest({">=7.0,<8,!=7.4.4"}) == "7.4.3");
  CHECK(newest({">=7.0,<8", "!=7.4.4", "!=7.4.3"}) == "7.4.2");
  CHECK(newest({">= 8.0 , < 8.2 "}) == "8.1.2");
}

TEST_CASE("environment: newest_satisfying gives nothing when no release fits") {
  CHECK(newest({">=10"}) == "none");
  CHECK(newest({"<8", ">=9"}) == "none");
}

TEST_CASE("environment: newest_satisfying ignores what it does not understand") {
  CHECK(newest({}) == "9.1.1");
  CHECK(newest({"", " "}) == "9.1.1");
  CHECK(newest({"@ https://example.org/pytest.tar.gz"}) == "9.1.1");
  CHECK(newest({"==99999999999"}) == "9.1.1");  // too long to be a release number: no constraint, no crash
  CHECK(newest({"<8.", ">=7..*", "== 7 .*", "=>7"}) == "9.1.1");
}

TEST_CASE("environment: newest_satisfying reads spaces, wildcards and === as PEP 440 writes them") {
  CHECK(newest({" >= 7.0 , < 8 "}) == "7.4.4");
  CHECK(newest({"== 8.1.*"}) == "8.1.2");
  CHECK(newest({"!=9.1.*"}) == "9.0.3");
  CHECK(newest({"===7.2.1"}) == "7.2.1");
}

// --- pytest_pins --------------------------------------------------------------------------

TEST_CASE("environment: pytest_pins reads pyproject dependencies, extras and groups") {
  TempDir dir;
  dir.write("pyproject.toml", R"([project]
dependencies = ["requests>=2", "pytest>=7.0,<9"]

[project.optional-dependencies]
test = ["pytest-xdist>=3", "pytest[testing]!=8.0.0; python_version >= '3.8'"]

[dependency-groups]
dev = ["PyTest==8.*", {include-group = "test"}]
)");
  std::vector<std::string> sources;
  const auto pins = paralint::pytest_pins(dir.path(), sources);
  CHECK(pins == std::vector<std::string>{">=7.0,<9", "!=8.0.0", "==8.*"});
  CHECK(sources == std::vector<std::string>{"pyproject.toml: pytest>=7.0,<9", "pyproject.toml: pytest!=8.0.0",
                                            "pyproject.toml: pytest==8.*"});
}

TEST_CASE("environment: pytest_pins reads requirements files and tox.ini deps") {
  TempDir dir;
  dir.write("requirements.txt", "-r requirements/dev.txt\nrequests\npytest~=8.3\n");
  dir.write("requirements/dev.txt", "pytest-cov\npytest>=7.4\n");
  dir.write("requirements-unrelated.cfg", "pytest<1\n");
  dir.write("tox.ini",
            "[tox]\nenvlist = py\n\n[testenv]\ndeps =\n    pytest<9.1\n    coverage\n[other]\ndeps = pytest<2\n");
  std::vector<std::string> sources;
  const auto pins = paralint::pytest_pins(dir.path(), sources);
  // requirements/dev.txt sorts before requirements.txt as a path
  CHECK(pins == std::vector<std::string>{">=7.4", "~=8.3", "<9.1"});
  CHECK(sources ==
        std::vector<std::string>{"dev.txt: pytest>=7.4", "requirements.txt: pytest~=8.3", "tox.ini: pytest<9.1"});
}

TEST_CASE("environment: requirement lines in the shapes people write them") {
  TempDir dir;
  dir.write("requirements.txt",
            "  pytest [testing] (>=7,<8) ; python_version > '3'\n"  // spaces, extras, parenthesised
            "pytest>=7.1  # the comment is not a specifier\n"
            "pytest[ >=7.2\n"                                        // an unclosed [ is not skipped
            "-e .\n_pytest>=1\npytest\n");
  std::vector<std::string> sources;
  CHECK(paralint::pytest_pins(dir.path(), sources) == std::vector<std::string>{">=7,<8", ">=7.1", "[ >=7.2"});
}

// pip-compile --generate-hashes writes "pytest==7.2.1 \" followed by indented
// "--hash=sha256:..." lines, or the --hash option on the same line.
TEST_CASE("environment: a hash-pinned requirement still pins pytest") {
  TempDir dir;
  dir.write("requirements.txt", "pytest==7.2.1 \\\n    --hash=sha256:0123456789abcdef\n");
  dir.write("requirements/ci.txt", "pytest==7.2.1 --hash=sha256:0123456789abcdef\n");
  std::vector<std::string> sources;
  CHECK(paralint::pytest_pins(dir.path(), sources) == std::vector<std::string>{"==7.2.1", "==7.2.1"});
  std::string error;
  const auto chosen = paralint::choose_versions({}, dir.path(), std::nullopt, error);
  REQUIRE(chosen.has_value());
  CHECK(chosen->pytest.str() == "7.2.1");
}

TEST_CASE("environment: an unpinned pytest is not a pin") {
  TempDir dir;
  dir.write("requirements.txt", "pytest\npytest[testing]\n");
  std::vector<std::string> sources;
  CHECK(paralint::pytest_pins(dir.path(), sources).empty());
  CHECK(sources.empty());
}

TEST_CASE("environment: pytest_pins of a directory without project files is empty") {
  TempDir dir;
  std::vector<std::string> sources;
  CHECK(paralint::pytest_pins(dir.path(), sources).empty());
  CHECK(paralint::pytest_pins(dir.path() / "missing", sources).empty());
}

// --- choose_versions ------------------------------------------------------------------------

TEST_CASE("environment: choose_versions takes the flag over the project's pins") {
  TempDir dir;
  dir.write("requirements.txt", "pytest<8\n");
  paralint::VersionRequest request;
  request.pytest = "9.0";
  std::string error;
  const auto chosen = paralint::choose_versions(request, dir.path(), std::nullopt, error);
  REQUIRE(chosen.has_value());
  CHECK(chosen->pytest.str() == "9.0.3");
  CHECK(chosen->pytest_reason == "--pytest-version 9.0");
}

TEST_CASE("environment: choose_versions takes the project's pins over the newest release") {
  TempDir dir;
  dir.write("requirements.txt", "pytest<8\n");
  std::string error;
  const auto chosen = paralint::choose_versions({}, dir.path(), std::nullopt, error);
  REQUIRE(chosen.has_value());
  CHECK(chosen->pytest.str() == "7.4.4");
  CHECK(chosen->pytest_reason == "newest known release allowed by the project (requirements.txt: pytest<8)");
}

TEST_CASE("environment: choose_versions falls back to the newest release without pins") {
  TempDir dir;
  std::string error;
  const auto chosen = paralint::choose_versions({}, dir.path(), std::nullopt, error);
  REQUIRE(chosen.has_value());
  CHECK(chosen->pytest.str() == paralint::known_versions().pytest.newest().str());
  CHECK(chosen->pytest_reason == "newest known release (the project pins no pytest version)");
  CHECK(chosen->iniconfig.str() == paralint::known_versions().iniconfig.newest().str());
}

TEST_CASE("environment: choose_versions treats minversion as >=") {
  TempDir dir;
  dir.write("requirements.txt", "pytest<8\n");
  std::string error;
  const auto chosen = paralint::choose_versions({}, dir.path(), std::string("7.3"), error);
  REQUIRE(chosen.has_value());
  CHECK(chosen->pytest.str() == "7.4.4");
  CHECK(chosen->pytest_reason ==
        "newest known release allowed by the project (requirements.txt: pytest<8; minversion = 7.3)");

  // a minversion above every pin: nothing satisfies both, so the newest release
  const auto conflicting = paralint::choose_versions({}, dir.path(), std::string("8.0"), error);
  REQUIRE(conflicting.has_value());
  CHECK(conflicting->pytest.str() == "9.1.1");
  CHECK(conflicting->pytest_reason == "newest known release (no known release satisfies the project's pins)");
}

TEST_CASE("environment: choose_versions ignores a minversion that is not X.Y[.Z]") {
  TempDir dir;
  std::string error;
  const auto chosen = paralint::choose_versions({}, dir.path(), std::string("7.0rc1"), error);
  REQUIRE(chosen.has_value());
  CHECK(chosen->pytest_reason == "newest known release (the project pins no pytest version)");
}

TEST_CASE("environment: choose_versions takes an interpreter's installed versions over pins") {
  TempDir dir;
  dir.write("requirements.txt", "pytest<8\n");
  paralint::PythonEnvironment python;
  python.interpreter = "/usr/bin/python3";
  python.pytest_version = "8.0.2";
  python.iniconfig_version = "2.0.0";
  paralint::VersionRequest request;
  request.python = &python;
  std::string error;
  const auto chosen = paralint::choose_versions(request, dir.path(), std::nullopt, error);
  REQUIRE(chosen.has_value());
  CHECK(chosen->pytest.str() == "8.0.2");
  CHECK(chosen->pytest_reason == "installed in /usr/bin/python3");
  CHECK(chosen->iniconfig.str() == "2.0.0");

  request.pytest = "7.2.1";
  const auto flagged = paralint::choose_versions(request, dir.path(), std::nullopt, error);
  REQUIRE(flagged.has_value());
  CHECK(flagged->pytest.str() == "7.2.1");
}

TEST_CASE("environment: choose_versions refuses an unknown requested version") {
  TempDir dir;
  paralint::VersionRequest request;
  request.pytest = "6.2";
  std::string error;
  CHECK_FALSE(paralint::choose_versions(request, dir.path(), std::nullopt, error).has_value());
  CHECK(error == "--pytest-version: version 6.2 is not one paralint knows (known: 7.0.0 to 9.1.1)");

  paralint::VersionRequest iniconfig;
  iniconfig.iniconfig = "3.0";
  CHECK_FALSE(paralint::choose_versions(iniconfig, dir.path(), std::nullopt, error).has_value());
  CHECK(error.starts_with("--iniconfig-version: version 3.0 is not one paralint knows"));
}

TEST_CASE("environment: choose_versions resolves the iniconfig flag") {
  TempDir dir;
  paralint::VersionRequest request;
  request.iniconfig = "1.1";
  std::string error;
  const auto chosen = paralint::choose_versions(request, dir.path(), std::nullopt, error);
  REQUIRE(chosen.has_value());
  CHECK(chosen->iniconfig.str() == "1.1.1");
  CHECK(chosen->iniconfig_reason == "--iniconfig-version 1.1");
}

TEST_CASE("environment: a requirement's extras are read, normalised") {
  TempDir dir;
  dir.write("requirements.txt", "pytest-xdist[ PSUtil , setproctitle]==3.1.0\npytest-cov\n");
  const auto& requirements = paralint::project_requirements(dir.path());
  REQUIRE(requirements.size() == 2);
  CHECK(requirements[0].name == "pytest-xdist");
  CHECK(requirements[0].specifiers == "==3.1.0");
  CHECK(requirements[0].extras == std::vector<std::string>{"psutil", "setproctitle"});
  CHECK(requirements[1].extras.empty());
}
