#include "rules/discovery/config_sections.hpp"

#include <doctest/doctest.h>

#include "rules/discovery/intended_setting.hpp"

using namespace paralint::rules;

TEST_CASE("discovery rules: an INI value as meant, without iniconfig's kept comment and quotes") {
  CHECK(meant_ini_value("\"loadscope\"            # Load-balanced distribution") == "loadscope");
  CHECK(meant_ini_value("300           ; 5 minute timeout") == "300");
  CHECK(meant_ini_value("'auto'") == "auto");
  CHECK(meant_ini_value("a#b") == "a#b");  // no whitespace before '#': not a comment
  CHECK(meant_ini_value("\"half") == "\"half");
  CHECK(meant_ini_value("-n 2\n--dist=load") == "-n 2 --dist=load");
}

TEST_CASE("discovery rules: section names written like pytest's own") {
  for (const auto* name : {"pytest", "tool:pytest", "tool.pytest", "tool:pytest.ini_options.parallel", "pytest:xdist",
                           "Tool.Pytest.ini_options", " pytest "}) {
    CHECK_MESSAGE(looks_like_pytest(name), name);
  }
  for (const auto* name :
       {"mypy-pytest.*", "pytest-watch", "tool.pytest-watcher", "pytest_cov", "testenv", "tool.black"}) {
    CHECK_MESSAGE(!looks_like_pytest(name), name);
  }
  CHECK(is_some_pytest_section("tool:pytest"));
  CHECK(is_some_pytest_section("Pytest"));
  CHECK(is_some_pytest_section("tool.pytest.ini_options"));
  CHECK_FALSE(is_some_pytest_section("tool:pytest.ini_options.parallel"));
}

TEST_CASE("discovery rules: file kinds follow pytest's suffix and name tests") {
  CHECK(file_kind("a/pytest.ini") == FileKind::Ini);
  CHECK(file_kind("a/tox.ini") == FileKind::Ini);
  CHECK(file_kind("a/setup.cfg") == FileKind::SetupCfg);
  CHECK(file_kind("a/.pytest.toml") == FileKind::PytestToml);
  CHECK(file_kind("a/pyproject.toml") == FileKind::Pyproject);
  CHECK(file_kind("a/ci.toml") == FileKind::Pyproject);
}

TEST_CASE("discovery rules: a few keys listed, the rest counted") {
  std::vector<Setting> settings;
  for (const auto* key : {"a", "b", "c"}) settings.push_back({key, {}, ""});
  CHECK(key_list(settings) == "a, b and c");
  for (const auto* key : {"d", "e", "f", "g", "h"}) settings.push_back({key, {}, ""});
  CHECK(key_list(settings) == "a, b, c, d, e, f and 2 more");
}

TEST_CASE("discovery rules: command lines written as a user would") {
  CHECK(command_line("-n", true, "auto") == "-n auto");
  CHECK(command_line("--dist", true, "loadscope") == "--dist=loadscope");
  CHECK(command_line("--looponfail", false, "true") == "--looponfail");
  CHECK(command_line("-k", true, "a and b") == "-k 'a and b'");
  CHECK(command_line("--timeout", true, "") == "--timeout=…");
  CHECK(normalized_key(" Max-Worker-Restart ") == "max_worker_restart");
}
