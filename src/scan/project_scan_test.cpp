#include "paralint/scan/project_scan.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "support/temp_dir.hpp"

using paralint::ProjectScan;
using paralint::ScanOptions;
using paralint::SourceMention;
using paralint::testing::TempDir;

namespace fs = std::filesystem;

namespace {

ProjectScan scan(const TempDir& dir, ScanOptions options = {}) {
  const auto config = paralint::discover(dir.path(), paralint::Behaviour::of({9, 1, 1}, {2, 1, 0}));
  if (!options.is_known_plugin) options.is_known_plugin = [](std::string_view name) { return name == "xdist"; };
  return paralint::scan_project(config, options);
}

// One line per item, so that a failed CHECK prints what differs.
std::string lines(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += item + "\n";
  return out;
}

std::string names(const std::vector<SourceMention>& mentions) {
  std::vector<std::string> out;
  out.reserve(mentions.size());
  for (const auto& mention : mentions) out.push_back(mention.name);
  return lines(out);
}

// "name@file:line:column" relative to the temp dir.
std::string places(const std::vector<SourceMention>& mentions, const TempDir& dir) {
  std::vector<std::string> out;
  out.reserve(mentions.size());
  for (const auto& mention : mentions) {
    out.push_back(mention.name + "@" + mention.file.lexically_relative(dir.path()).string() + ":" +
                  std::to_string(mention.line) + ":" + std::to_string(mention.column));
  }
  return lines(out);
}

}  // namespace

TEST_CASE("project scan: options, ini keys and markers a conftest registers") {
  TempDir dir;
  dir.write("pytest.ini", "[pytest]\n");
  dir.write("conftest.py", R"PY(
"""Adds --run-slow; a docstring saying parser.addoption("--not-real") registers nothing."""
import pytest

def pytest_addoption(parser):
    parser.addoption("--run-slow", action="store_true", help="run slow tests")
    group = parser.getgroup("db")
    group.addoption(
        "--db-url", "-D",
        default="sqlite://",
    )
    group.addoption("--count", action='count')
    parser.addini("db_timeout", "seconds", default="5")
    # parser.addini("commented_out", "")

def pytest_configure(config):
    config.addinivalue_line("markers", "slow: takes long")
    config.addinivalue_line("markers", "db(url): needs a database")
    config.addinivalue_line("filterwarnings", "ignore::DeprecationWarning")
)PY");
  const auto result = scan(dir);
  std::vector<std::string> options;
  for (const auto& option : result.options) options.push_back(option.where.name + (option.takes_value ? "=" : ""));
  CHECK(lines(options) == lines({"--run-slow", "--db-url=", "-D=", "--count"}));
  CHECK(names(result.ini_keys) == lines({"db_timeout"}));
  CHECK(places(result.markers, dir) == lines({"slow@conftest.py:17:40", "db@conftest.py:18:40"}));
  CHECK(result.opaque_sources.empty());
  CHECK(result.scanned_files == std::vector<std::string>{(dir / "conftest.py").string()});
  REQUIRE(result.markers[0].source);
  CHECK(result.markers[0].source->slice(result.markers[0].span) == "\"slow: takes long\"");
}

TEST_CASE("project scan: computed names are opaque") {
  TempDir dir;
  dir.write("pytest.ini", "[pytest]\n");
  dir.write("conftest.py", R"PY(
MARKERS = ["a: x", "b: y"]
def pytest_addoption(parser):
    parser.addoption(*FLAGS)
    parser.addini(KEY, "help")
def pytest_configure(config):
    for line in MARKERS:
        config.addinivalue_line("markers", line)
    config.addinivalue_line("markers", f"{NAME}: computed")
)PY");
  const auto result = scan(dir);
  CHECK(result.options.empty());
  CHECK(result.markers.empty());
  CHECK(lines(result.opaque_sources) == lines({
                                            "conftest.py:4: addoption with a name paralint cannot read",
                                            "conftest.py:5: addini with a name paralint cannot read",
                                            "conftest.py:8: a marker registered with a line paralint cannot read",
                                            "conftest.py:9: a marker registered with a line paralint cannot read",
                                        }));
}

TEST_CASE("project scan: marks applied in test modules, in every spelling") {
  TempDir dir;
  dir.write("pytest.ini", "[pytest]\n");
  dir.write("tests/test_one.py", R"PY(import pytest
pytestmark = [pytest.mark.db, pytest.mark.xdist_group(name="g")]

@pytest.mark.slow
def test_a():
    "pytest.mark.in_docstring is text"
    # @pytest.mark.in_comment
    pass

@pytest.mark.parametrize("x", [pytest.param(1, marks=pytest.mark.flaky)])
def test_b(x, request):
    request.node.add_marker("dynamic")
)PY");
  dir.write("tests/helpers_test.py", "from pytest import mark, param\n\n@mark.serial\ndef test_c(): pass\n");
  dir.write(
      "tests/test_alias.py",
      "import pytest as pt\nfrom pytest import (\n    mark as m,\n)\n@pt.mark.aliased\n@m.short\ndef test_d(): pass\n");
  dir.write("tests/test_mark_object.py",
            "from pytest import mark\ndef test_e(item):\n    for mark in item.iter_markers():\n        "
            "print(mark.name, mark.args)\n");
  dir.write("tests/helper.py", "import pytest\nSLOW = pytest.mark.not_a_test_module\n");
  const auto result = scan(dir);
  CHECK(places(result.marker_uses, dir) == lines({
                                               "serial@tests/helpers_test.py:3:7",
                                               "aliased@tests/test_alias.py:5:10",
                                               "short@tests/test_alias.py:6:4",
                                               "dynamic@tests/test_one.py:12:29",
                                               "db@tests/test_one.py:2:27",
                                               "xdist_group@tests/test_one.py:2:43",
                                               "slow@tests/test_one.py:4:14",
                                               "parametrize@tests/test_one.py:10:14",
                                               "flaky@tests/test_one.py:10:66",
                                           }));
  const auto& first = result.marker_uses[0];
  REQUIRE(first.source);
  CHECK(first.source->slice(first.span) == "serial");
}

TEST_CASE("project scan: marker names the project's hooks read") {
  TempDir dir;
  dir.write("pytest.ini", "[pytest]\n");
  dir.write("conftest.py", R"PY(
def pytest_collection_modifyitems(items):
    for item in items:
        if item.get_closest_marker("serial") or "isolated" in item.keywords:
            pass
        for mark in item.iter_markers(name="exclusive"):
            pass
        if any(m.name == "single_worker" for m in item.own_markers):
            pass
        if "not_read" not in item.keywords:
            pass
)PY");
  CHECK(names(scan(dir).marker_reads) == lines({"serial", "exclusive", "isolated", "not_read", "single_worker"}));
}

TEST_CASE("project scan: virtualenvs, hidden and build folders are not scanned") {
  TempDir dir;
  dir.write("pytest.ini", "[pytest]\n");
  for (const char* folder : {".venv", "venv", ".tox/py311", "node_modules/x", "build/lib", "dist", "env",
                             "pkg.egg-info", "lib/python3.11/site-packages/x", "__pycache__"}) {
    dir.write(fs::path(folder) / "conftest.py",
              "def pytest_configure(config):\n    config.addinivalue_line('markers', 'no')\n");
  }
  dir.write("env/pyvenv.cfg", "home = /usr/bin\n");
  dir.write("sub/conftest.py", "def pytest_configure(config):\n    config.addinivalue_line('markers', 'yes')\n");
  const auto result = scan(dir);
  CHECK(names(result.markers) == lines({"yes"}));
}

TEST_CASE("project scan: norecursedirs, testpaths and python_files choose the test modules") {
  TempDir dir;
  dir.write("pytest.ini",
            "[pytest]\ntestpaths = tests integration*\npython_files = check_*.py test_*.py\n"
            "norecursedirs = fixtures tests/examples\n");
  const std::string module = "import pytest\n@pytest.mark.here\ndef test(): pass\n";
  dir.write("tests/check_a.py", module);
  dir.write("tests/fixtures/test_b.py", module);
  dir.write("tests/examples/test_e.py", module);
  dir.write("integration_slow/test_c.py", module);
  dir.write("docs/test_d.py", module);
  dir.write("tests/a_test.py", module);
  dir.write("docs/conftest.py", "import pytest\nMARK = pytest.mark.from_conftest\n");
  const auto result = scan(dir);
  CHECK(places(result.marker_uses, dir) == lines({
                                               "from_conftest@docs/conftest.py:2:20",
                                               "here@integration_slow/test_c.py:2:14",
                                               "here@tests/check_a.py:2:14",
                                           }));
}

TEST_CASE("project scan: local plugins named by pytest_plugins and -p are scanned, others are opaque") {
  TempDir dir;
  dir.write("pytest.ini", "[pytest]\naddopts = -p tools.markers_plugin -p no:cacheprovider -pxdist -p remote_plugin\n");
  dir.write("conftest.py", "pytest_plugins = [\"fixtures.db\", 'pytester', \"xdist.plugin\"]\n");
  dir.write("fixtures/db.py",
            "pytest_plugins = 'fixtures.nested'\ndef pytest_addoption(parser):\n    parser.addoption('--db')\n");
  dir.write("src/fixtures/nested/__init__.py",
            "def pytest_configure(config):\n    config.addinivalue_line('markers', 'nested: x')\n");
  dir.write("tools/markers_plugin.py",
            "def pytest_configure(config):\n    config.addinivalue_line('markers', 'tool: x')\n");
  const auto result = scan(dir);
  CHECK(names(result.markers) == lines({"tool", "nested"}));
  REQUIRE(result.options.size() == 1);
  CHECK(result.options[0].where.name == "--db");
  CHECK(lines(result.opaque_sources) ==
        lines({
            "addopts -p remote_plugin: plugin 'remote_plugin' is not a file under the rootdir",
            "conftest.py:1: pytest_plugins: plugin 'pytester' is not a file under the rootdir",
        }));
}

TEST_CASE("project scan: a budget stops the scan and says so") {
  TempDir dir;
  dir.write("pytest.ini", "[pytest]\n");
  for (int i = 0; i < 5; ++i)
    dir.write("tests/test_" + std::to_string(i) + ".py", "import pytest\n@pytest.mark.m\ndef test(): pass\n");
  ScanOptions options;
  options.budget.max_files = 3;
  const auto result = scan(dir, options);
  CHECK(result.marker_uses.size() == 3);
  CHECK(lines(result.opaque_sources) ==
        lines({"scan stopped: more than 3 Python files; names registered past that point are not known"}));
}

TEST_CASE("project scan: string prefixes, triple quotes and escapes") {
  TempDir dir;
  dir.write("pytest.ini", "[pytest]\n");
  dir.write("conftest.py", R"PY(
TEXT = rb'pytest.mark.raw'
DOC = """
pytest.mark.in_triple "quoted" 'x'
"""
def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "it\'s: " "implicit concatenation",
    )
    config.addinivalue_line("markers", r"raw\name: x")
    config.addinivalue_line("markers", "multi"
                            "part: x")
)PY");
  const auto result = scan(dir);
  CHECK(result.marker_uses.empty());
  CHECK(names(result.markers) == lines({"it's", "raw\\name", "multipart"}));
}

TEST_CASE("project scan: -m expressions in task and CI files") {
  TempDir dir;
  dir.write("pytest.ini", "[pytest]\n");
  dir.write("tox.ini", "[testenv]\ncommands = {envpython} -m pytest -n auto -m \"not serial\" {posargs}\n");
  dir.write(".github/workflows/ci.yml",
            "    - run: pytest -m 'serial or db' -p no:xdist\n    - run: pytest -m=smoke\n");
  dir.write("Makefile", "test:\n\tpython -m pip install .\n");
  const auto result = scan(dir);
  CHECK(places(result.marker_selections, dir) == lines({
                                                     "pytest@tox.ini:2:27",
                                                     "serial@tox.ini:2:50",
                                                     "pip@Makefile:2:12",
                                                     "serial@.github/workflows/ci.yml:1:23",
                                                     "db@.github/workflows/ci.yml:1:33",
                                                     "smoke@.github/workflows/ci.yml:2:22",
                                                 }));
}

TEST_CASE("project scan: a test module that never reaches a mark is not read for marker names") {
  TempDir dir;
  dir.write("pytest.ini", "[pytest]\n");
  // Compares a path's name: nothing here touches a mark, so "conftest.py" is no marker.
  dir.write("tests/test_paths.py", "def test_name(tmp_path):\n    assert tmp_path.name == \"conftest.py\"\n");
  // The same comparison on a mark the module reached through iter_markers is a marker read.
  dir.write("tests/test_marks.py",
            "def test_own(request):\n    for m in request.node.iter_markers():\n        assert m.name == \"serial\"\n");
  CHECK(names(scan(dir).marker_reads) == lines({"serial"}));
}

TEST_CASE("project scan: many modules on several threads give the result of one, in file order") {
  TempDir dir;
  dir.write("pytest.ini", "[pytest]\n");
  std::vector<std::string> expected;
  for (int i = 0; i < 300; ++i) {
    const auto name = "m" + std::to_string(i);
    dir.write("tests/d" + std::to_string(i % 7) + "/test_" + std::to_string(1000 + i) + ".py",
              "import pytest\n\n@pytest.mark." + name + "\ndef test(): pass\n");
  }
  const auto result = scan(dir);
  // The walk's order: folders by name, then files by name.
  for (int folder = 0; folder < 7; ++folder) {
    for (int i = folder; i < 300; i += 7) expected.push_back("m" + std::to_string(i));
  }
  CHECK(names(result.marker_uses) == lines(expected));
  CHECK(result.scanned_files.size() == 300);
  ScanOptions budget;
  budget.budget.max_files = 100;
  const auto cut = scan(dir, budget);
  CHECK(cut.marker_uses.size() == 100);
  CHECK(names(cut.marker_uses) == lines({expected.begin(), expected.begin() + 100}));
}
