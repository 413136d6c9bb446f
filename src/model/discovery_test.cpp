#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "paralint/model/config_model.hpp"
#include "support/temp_dir.hpp"

using paralint::CandidateStatus;
using paralint::EffectiveConfig;

namespace fs = std::filesystem;

using paralint::testing::TempDir;

namespace {

paralint::Behaviour at(std::string_view pytest, std::string_view iniconfig = "2.1.0") {
  return paralint::Behaviour::of(*paralint::Version::parse(pytest), *paralint::Version::parse(iniconfig));
}

const char* status_name(CandidateStatus status) {
  switch (status) {
    case CandidateStatus::Chosen:
      return "Chosen";
    case CandidateStatus::Shadowed:
      return "Shadowed";
    case CandidateStatus::NotPytestConfig:
      return "NotPytestConfig";
    case CandidateStatus::NotARegularFile:
      return "NotARegularFile";
    case CandidateStatus::Broken:
      return "Broken";
  }
  return "?";
}

// "pytest.ini Chosen, tox.ini Shadowed": each candidate relative to the temp dir.
std::string candidates(const EffectiveConfig& config, const TempDir& dir) {
  std::string out;
  for (const auto& candidate : config.candidates) {
    if (!out.empty()) out += ", ";
    out += candidate.path.lexically_relative(dir.path()).string() + " " + status_name(candidate.status);
  }
  return out;
}

std::vector<std::string> addopts_texts(const EffectiveConfig& config) {
  std::vector<std::string> out;
  for (const auto& token : config.addopts) out.push_back(token.value.string);
  return out;
}

std::vector<std::string> addopts_sources(const EffectiveConfig& config) {
  std::vector<std::string> out;
  for (const auto& token : config.addopts) out.emplace_back(config.source->slice(token.span));
  return out;
}

}  // namespace

// --- which file ---------------------------------------------------------------------------

TEST_CASE("discovery: pytest.ini wins over every later candidate in the same directory") {
  TempDir dir;
  dir.write("pytest.ini", "[pytest]\naddopts = -q\n");
  dir.write(".pytest.ini", "[pytest]\naddopts = -x\n");
  dir.write("pyproject.toml", "[tool.pytest.ini_options]\naddopts = \"-x\"\n");
  dir.write("tox.ini", "[pytest]\naddopts = -x\n");
  dir.write("setup.cfg", "[tool:pytest]\naddopts = -x\n");
  const auto config = paralint::discover(dir.path(), at("8.4.2"));
  CHECK_FALSE(config.parse_error);
  CHECK(config.configfile == dir / "pytest.ini");
  CHECK(config.section == "pytest");
  CHECK(config.rootdir == dir.path());
  CHECK(addopts_texts(config) == std::vector<std::string>{"-q"});
  CHECK(candidates(config, dir) ==
        "pytest.ini Chosen, .pytest.ini Shadowed, pyproject.toml Shadowed, tox.ini Shadowed, setup.cfg Shadowed");
}

TEST_CASE("discovery: without read_shadowed, the files after the chosen one are not read before pytest 9") {
  TempDir dir;
  dir.write("pytest.ini", "[pytest]\naddopts = -q\n");
  dir.write("pyproject.toml", "[tool.pytest.ini_options\n");  // broken: pytest 7 and 8 never read it
  paralint::DiscoveryOptions options;
  options.read_shadowed = false;
  const auto seven = paralint::discover(dir.path(), at("7.2.1"), options);
  CHECK_FALSE(seven.parse_error);
  CHECK(addopts_texts(seven) == std::vector<std::string>{"-q"});
  CHECK(candidates(seven, dir) == "pytest.ini Chosen");
  CHECK(candidates(paralint::discover(dir.path(), at("7.2.1")), dir) == "pytest.ini Chosen, pyproject.toml Broken");

  // pytest 9 parses every candidate of the directory: the broken file is its error either way.
  CHECK(paralint::discover(dir.path(), at("9.1.1"), options).parse_error);
}

TEST_CASE("discovery: pyproject.toml beats tox.ini, which beats setup.cfg") {
  TempDir dir;
  dir.write("pyproject.toml", "[tool.pytest.ini_options]\naddopts = \"-x\"\n");
  dir.write("tox.ini", "[pytest]\naddopts = -x\n");
  dir.write("setup.cfg", "[tool:pytest]\naddopts = -x\n");
  CHECK(paralint::discover(dir.path(), at("8.4.2")).configfile == dir / "pyproject.toml");
  fs::remove(dir / "pyproject.toml");
  CHECK(paralint::discover(dir.path(), at("8.4.2")).configfile == dir / "tox.ini");
  fs::remove(dir / "tox.ini");
  const auto config = paralint::discover(dir.path(), at("8.4.2"));
  CHECK(config.configfile == dir / "setup.cfg");
  CHECK(config.section == "tool:pytest");
}

TEST_CASE("discovery: pytest.toml is a candidate, and first, only from pytest 9") {
  TempDir dir;
  dir.write("pytest.toml", "[pytest]\naddopts = [\"-v\"]\n");
  dir.write("pytest.ini", "[pytest]\naddopts = -q\n");
  const auto nine = paralint::discover(dir.path(), at("9.1.1"));
  CHECK(nine.configfile == dir / "pytest.toml");
  CHECK(nine.mode == paralint::ValueMode::Toml);
  CHECK(addopts_texts(nine) == std::vector<std::string>{"-v"});
  CHECK(candidates(nine, dir) == "pytest.toml Chosen, pytest.ini Shadowed");

  const auto eight = paralint::discover(dir.path(), at("8.4.2"));
  CHECK(eight.configfile == dir / "pytest.ini");
  CHECK(candidates(eight, dir) == "pytest.ini Chosen");
}

TEST_CASE("discovery: the walk goes up to a parent when the start holds no config") {
  TempDir dir;
  dir.write("tox.ini", "[pytest]\naddopts = -q\n");
  dir.write("sub/setup.cfg", "[flake8]\nmax-line-length = 99\n");
  const auto config = paralint::discover(dir / "sub", at("9.1.1"));
  CHECK(config.configfile == dir / "tox.ini");
  CHECK(config.rootdir == dir.path());
  CHECK(candidates(config, dir) == "sub/setup.cfg NotPytestConfig, tox.ini Chosen");
}

TEST_CASE("discovery: any qualifying file in the start dir beats a parent's pytest.ini") {
  TempDir dir;
  dir.write("pytest.ini", "[pytest]\n");
  dir.write("sub/setup.cfg", "[tool:pytest]\naddopts = -x\n");
  const auto config = paralint::discover(dir / "sub", at("9.1.1"));
  CHECK(config.configfile == dir / "sub/setup.cfg");
  CHECK(config.rootdir == dir / "sub");
}

TEST_CASE("discovery: a file as start argument starts at its directory") {
  TempDir dir;
  dir.write("tox.ini", "[pytest]\n");
  dir.write("test_x.py", "");
  const auto config = paralint::discover(dir / "test_x.py", at("9.1.1"));
  CHECK(config.start_dir == dir.path());
  CHECK(config.configfile == dir / "tox.ini");
}

TEST_CASE("discovery: pytest.ini without a [pytest] section still wins, with an empty config") {
  TempDir dir;
  dir.write("pytest.ini", "[other]\nkey = value\n");
  dir.write("tox.ini", "[pytest]\naddopts = -x\n");
  const auto config = paralint::discover(dir.path(), at("7.2.1", "1.1.1"));
  CHECK(config.configfile == dir / "pytest.ini");
  CHECK_FALSE(config.section.has_value());
  CHECK(config.ini.empty());
  CHECK(config.addopts.empty());
  CHECK(candidates(config, dir) == "pytest.ini Chosen, tox.ini Shadowed");
}

TEST_CASE("discovery: .pytest.ini needs a [pytest] section before pytest 9") {
  TempDir dir;
  dir.write(".pytest.ini", "");
  dir.write("tox.ini", "[pytest]\n");
  const auto eight = paralint::discover(dir.path(), at("8.4.2"));
  CHECK(eight.configfile == dir / "tox.ini");
  CHECK(candidates(eight, dir) == ".pytest.ini NotPytestConfig, tox.ini Chosen");
  const auto nine = paralint::discover(dir.path(), at("9.0.0"));
  CHECK(nine.configfile == dir / ".pytest.ini");
}

TEST_CASE("discovery: .pytest.ini is not a candidate before pytest 7.2") {
  TempDir dir;
  dir.write(".pytest.ini", "[pytest]\n");
  dir.write("tox.ini", "[pytest]\n");
  CHECK(paralint::discover(dir.path(), at("7.1.3", "1.1.1")).configfile == dir / "tox.ini");
  CHECK(paralint::discover(dir.path(), at("7.2.0", "1.1.1")).configfile == dir / ".pytest.ini");
}

// --- errors ---------------------------------------------------------------------------------

TEST_CASE("discovery: a [pytest] section in setup.cfg is an error") {
  TempDir dir;
  dir.write("setup.cfg", "[metadata]\nname = x\n[pytest]\naddopts = -q\n");
  const auto config = paralint::discover(dir.path(), at("9.1.1"));
  REQUIRE(config.parse_error);
  CHECK(config.parse_error->file == dir / "setup.cfg");
  CHECK(config.parse_error->line == 3);
  CHECK(config.parse_error->message ==
        "[pytest] section in setup.cfg files is no longer supported, change to [tool:pytest] instead.");
  CHECK_FALSE(config.configfile.has_value());
  CHECK(config.ini.empty());
  CHECK(candidates(config, dir) == "setup.cfg Broken");
}

TEST_CASE("discovery: setup.cfg with both [tool:pytest] and [pytest] reads [tool:pytest]") {
  TempDir dir;
  dir.write("setup.cfg", "[pytest]\naddopts = -x\n[tool:pytest]\naddopts = -q\n");
  const auto config = paralint::discover(dir.path(), at("9.1.1"));
  CHECK_FALSE(config.parse_error);
  CHECK(addopts_texts(config) == std::vector<std::string>{"-q"});
}

TEST_CASE("discovery: a broken shadowed tox.ini aborts pytest 9 but not pytest 7.2.1") {
  TempDir dir;
  dir.write("pytest.ini", "[pytest]\naddopts = -q\n");
  dir.write("tox.ini", "[tox]\n  bad continuation\n");

  const auto nine = paralint::discover(dir.path(), at("9.1.1"));
  REQUIRE(nine.parse_error);
  CHECK(nine.parse_error->file == dir / "tox.ini");
  CHECK(nine.parse_error->line == 2);
  CHECK(nine.parse_error->message == "unexpected value continuation");
  CHECK_FALSE(nine.configfile.has_value());

  const auto seven = paralint::discover(dir.path(), at("7.2.1", "1.1.1"));
  CHECK_FALSE(seven.parse_error);
  CHECK(seven.configfile == dir / "pytest.ini");
  CHECK(addopts_texts(seven) == std::vector<std::string>{"-q"});
  CHECK(candidates(seven, dir) == "pytest.ini Chosen, tox.ini Broken");
  REQUIRE(seven.candidates[1].error);
  CHECK(seven.candidates[1].error->message == "unexpected value continuation");
}

TEST_CASE("discovery: a shadowed setup.cfg with [pytest] aborts pytest 9 only") {
  TempDir dir;
  dir.write("pytest.ini", "[pytest]\n");
  dir.write("setup.cfg", "[pytest]\naddopts = -q\n");
  const auto nine = paralint::discover(dir.path(), at("9.0.0"));
  REQUIRE(nine.parse_error);
  CHECK(nine.parse_error->file == dir / "setup.cfg");
  CHECK(nine.parse_error->line == 1);
  const auto eight = paralint::discover(dir.path(), at("8.4.2"));
  CHECK_FALSE(eight.parse_error);
  CHECK(eight.configfile == dir / "pytest.ini");
  CHECK(candidates(eight, dir) == "pytest.ini Chosen, setup.cfg Broken");
}

TEST_CASE("discovery: native TOML addopts must be a list") {
  TempDir dir;
  dir.write("pytest.toml", "[pytest]\n\naddopts = \"-q\"\n");
  const auto config = paralint::discover(dir.path(), at("9.1.1"));
  REQUIRE(config.parse_error);
  CHECK(config.parse_error->line == 3);
  CHECK(config.parse_error->message == "config option 'addopts' expects a list for type 'args', got str: '-q'");
}

TEST_CASE("discovery: a broken file before any qualifying one aborts every version") {
  TempDir dir;
  dir.write("pyproject.toml", "[tool.pytest.ini_options]\naddopts = -q\n");
  dir.write("tox.ini", "[pytest]\n");
  const auto config = paralint::discover(dir.path(), at("7.2.1", "1.1.1"));
  REQUIRE(config.parse_error);
  CHECK(config.parse_error->file == dir / "pyproject.toml");
  CHECK(config.parse_error->line == 2);
  CHECK(config.parse_error->column == 11);
  CHECK(candidates(config, dir) == "pyproject.toml Broken");
}

// --- candidate statuses ---------------------------------------------------------------------

TEST_CASE("discovery: every candidate examined is listed with its status") {
  TempDir dir;
  dir.mkdir("pytest.ini");
  fs::create_symlink(dir / "missing", dir / ".pytest.ini");
  dir.write("pyproject.toml", "[project]\nname = \"x\"\n");
  dir.write("tox.ini", "[pytest]\n");
  dir.write("setup.cfg", "[tool:pytest]\n");
  const auto config = paralint::discover(dir.path(), at("8.4.2"));
  CHECK(config.configfile == dir / "tox.ini");
  CHECK(candidates(config, dir) ==
        "pytest.ini NotARegularFile, .pytest.ini NotARegularFile, pyproject.toml NotPytestConfig, tox.ini Chosen, "
        "setup.cfg Shadowed");
  CHECK(config.candidates[3].section == "pytest");
  CHECK(config.candidates[4].section == "tool:pytest");
}

TEST_CASE("discovery: a symlink to a config file is a regular file") {
  TempDir dir;
  dir.write("real.ini", "[pytest]\naddopts = -q\n");
  fs::create_symlink(dir / "real.ini", dir / "pytest.ini");
  const auto config = paralint::discover(dir.path(), at("9.1.1"));
  CHECK(config.configfile == dir / "pytest.ini");
  CHECK(addopts_texts(config) == std::vector<std::string>{"-q"});
}

// --- addopts and markers --------------------------------------------------------------------

TEST_CASE("discovery: INI addopts tokens point at their bytes across continuation lines") {
  TempDir dir;
  dir.write("pytest.ini", "[pytest]\r\naddopts = -v  # verbose\r\n    -k 'a b'\r\n\t--x=\"1 2\"\r\n");
  const auto config = paralint::discover(dir.path(), at("9.1.1"));
  REQUIRE(config.source);
  CHECK(addopts_texts(config) == std::vector<std::string>{"-v", "#", "verbose", "-k", "a b", "--x=1 2"});
  CHECK(addopts_sources(config) == std::vector<std::string>{"-v", "#", "verbose", "-k", "'a b'", "--x=\"1 2\""});
  for (const auto& token : config.addopts) CHECK_FALSE(token.from_environment);
}

TEST_CASE("discovery: TOML string addopts tokens point into the string") {
  TempDir dir;
  dir.write("pyproject.toml", "[tool.pytest.ini_options]\naddopts = \"-q  -k 'x y'\"\n");
  const auto config = paralint::discover(dir.path(), at("8.4.2"));
  CHECK(addopts_texts(config) == std::vector<std::string>{"-q", "-k", "x y"});
  CHECK(addopts_sources(config) == std::vector<std::string>{"-q", "-k", "'x y'"});
}

TEST_CASE("discovery: TOML list addopts tokens are the list items") {
  TempDir dir;
  dir.write("pyproject.toml", "[tool.pytest.ini_options]\naddopts = [\"-q\", '-x y']\n");
  const auto config = paralint::discover(dir.path(), at("8.4.2"));
  CHECK(addopts_texts(config) == std::vector<std::string>{"-q", "-x y"});
  CHECK(addopts_sources(config) == std::vector<std::string>{"\"-q\"", "'-x y'"});
}

TEST_CASE("discovery: TOML key spans come from the parser, not from searching the text") {
  TempDir dir;
  // The escaped key's text never appears in the file; a text search would land on the
  // comment or fail.
  dir.write("pyproject.toml", "[tool.pytest.ini_options]\n# addopts\n\"addopt\\u0073\" = [\"-q\"]\nmarkers = []\n");
  const auto config = paralint::discover(dir.path(), at("8.4.2"));
  REQUIRE(config.ini.size() == 2);
  CHECK(config.ini[0].key == "addopts");
  CHECK(config.source->slice(config.ini[0].key_span) == "\"addopt\\u0073\"");
  CHECK(config.source->slice(config.ini[1].key_span) == "markers");
}

TEST_CASE("discovery: PYTEST_ADDOPTS tokens follow the file's and are marked") {
  TempDir dir;
  dir.write("pytest.ini", "[pytest]\naddopts = -q\n");
  paralint::DiscoveryOptions options;
  options.environment_addopts = "-x 'a b'";
  const auto config = paralint::discover(dir.path(), at("9.1.1"), options);
  CHECK(addopts_texts(config) == std::vector<std::string>{"-q", "-x", "a b"});
  REQUIRE(config.addopts.size() == 3);
  CHECK_FALSE(config.addopts[0].from_environment);
  CHECK(config.addopts[1].from_environment);
  CHECK(config.addopts[2].from_environment);
}

TEST_CASE("discovery: markers are split into name and description") {
  TempDir dir;
  dir.write("pytest.ini",
            "[pytest]\nmarkers =\n    slow: marks slow tests\n    ; a comment\n    serial(reason): x: y\n    plain\n");
  const auto config = paralint::discover(dir.path(), at("9.1.1"));
  REQUIRE(config.markers.size() == 3);
  CHECK(config.markers[0].name == "slow");
  CHECK(config.markers[0].description == "marks slow tests");
  CHECK(config.markers[1].name == "serial");
  CHECK(config.markers[1].description == "x: y");
  CHECK(config.markers[1].line == "serial(reason): x: y");
  CHECK(config.markers[2].name == "plain");
  CHECK(config.markers[2].description.empty());
  CHECK(config.source->slice(config.markers[0].span) == "slow: marks slow tests");
  CHECK(config.source->slice(config.markers[1].span) == "serial(reason): x: y");
  CHECK(config.source->slice(config.markers[2].span) == "plain");
}

TEST_CASE("discovery: TOML list markers keep their item spans") {
  TempDir dir;
  dir.write("pyproject.toml", "[tool.pytest.ini_options]\nmarkers = [\"slow: s\", \"db\"]\n");
  const auto config = paralint::discover(dir.path(), at("8.4.2"));
  REQUIRE(config.markers.size() == 2);
  CHECK(config.markers[0].name == "slow");
  CHECK(config.markers[0].description == "s");
  CHECK(config.source->slice(config.markers[1].span) == "\"db\"");
}

// --- -c FILE and fallbacks ------------------------------------------------------------------

TEST_CASE("discovery: -c with a file that does not qualify gives an empty config") {
  TempDir dir;
  dir.write("pytest.ini", "[pytest]\naddopts = -x\n");
  dir.write("conf/custom.ini", "[tool:pytest]\naddopts = -q\n");
  paralint::DiscoveryOptions options;
  options.config_file = dir / "conf/custom.ini";
  const auto config = paralint::discover(dir.path(), at("9.1.1"), options);
  CHECK_FALSE(config.parse_error);
  CHECK(config.configfile == dir / "conf/custom.ini");
  CHECK(config.rootdir == dir / "conf");
  CHECK_FALSE(config.section.has_value());
  CHECK(config.ini.empty());
  CHECK(config.addopts.empty());
  CHECK(candidates(config, dir) == "conf/custom.ini Chosen");
}

TEST_CASE("discovery: -c with a qualifying file reads it instead of searching") {
  TempDir dir;
  dir.write("pytest.ini", "[pytest]\naddopts = -x\n");
  dir.write("conf/custom.cfg", "[tool:pytest]\naddopts = -q\n");
  paralint::DiscoveryOptions options;
  options.config_file = dir / "conf/custom.cfg";
  const auto config = paralint::discover(dir.path(), at("9.1.1"), options);
  CHECK(config.configfile == dir / "conf/custom.cfg");
  CHECK(config.section == "tool:pytest");
  CHECK(addopts_texts(config) == std::vector<std::string>{"-q"});
}

TEST_CASE("discovery: a bare pyproject.toml is the config file from pytest 8.1 only") {
  TempDir dir;
  dir.write("pyproject.toml", "[project]\nname = \"x\"\n");
  dir.mkdir("sub");
  const auto new_enough = paralint::discover(dir / "sub", at("8.1.0"));
  CHECK(new_enough.configfile == dir / "pyproject.toml");
  CHECK(new_enough.rootdir == dir.path());
  CHECK_FALSE(new_enough.section.has_value());
  CHECK(new_enough.ini.empty());
  CHECK(candidates(new_enough, dir) == "pyproject.toml Chosen");

  const auto too_old = paralint::discover(dir / "sub", at("8.0.2"));
  CHECK_FALSE(too_old.configfile.has_value());
  CHECK(too_old.rootdir == dir / "sub");
  CHECK(candidates(too_old, dir) == "pyproject.toml NotPytestConfig");
}

TEST_CASE("discovery: a qualifying file further up beats the bare pyproject fallback") {
  TempDir dir;
  dir.write("tox.ini", "[pytest]\n");
  dir.write("sub/pyproject.toml", "[project]\nname = \"x\"\n");
  const auto config = paralint::discover(dir / "sub", at("9.1.1"));
  CHECK(config.configfile == dir / "tox.ini");
}

TEST_CASE("discovery: [tool.pytest] is native config on pytest 9 and ignored before") {
  TempDir dir;
  dir.write("pyproject.toml", "[tool.pytest]\naddopts = [\"-q\"]\n");
  const auto nine = paralint::discover(dir.path(), at("9.1.1"));
  CHECK(nine.configfile == dir / "pyproject.toml");
  CHECK(nine.section == "tool.pytest");
  CHECK(nine.mode == paralint::ValueMode::Toml);
  CHECK(addopts_texts(nine) == std::vector<std::string>{"-q"});

  // 8.1+ still takes the file through the bare-pyproject fallback, without its keys
  const auto eight = paralint::discover(dir.path(), at("8.4.2"));
  CHECK(eight.configfile == dir / "pyproject.toml");
  CHECK(eight.ini.empty());
  CHECK(eight.addopts.empty());
}

TEST_CASE("discovery: without a config file the rootdir is the nearest setup.py directory") {
  TempDir dir;
  dir.write("setup.py", "");
  dir.mkdir("a/b");
  const auto config = paralint::discover(dir / "a/b", at("8.0.2"));
  CHECK_FALSE(config.configfile.has_value());
  CHECK(config.rootdir == dir.path());
}
