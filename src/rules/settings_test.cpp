#include "paralint/rules/settings.hpp"

#include <doctest/doctest.h>

#include "support/temp_dir.hpp"

using paralint::Settings;
using paralint::SettingsOverrides;
using paralint::testing::TempDir;

namespace {

// Loads `text` as `name` in a fresh directory; returns the error, or "" when it loads.
std::string load_error(const std::string& name, const std::string& text) {
  TempDir dir;
  dir.write(name, text);
  std::string error;
  const auto settings = paralint::load_settings(dir / name, dir.path(), error);
  return settings ? "" : error;
}

Settings loaded(const TempDir& dir, const std::string& name) {
  std::string error;
  auto settings = paralint::load_settings(dir / name, dir.path(), error);
  REQUIRE_MESSAGE(settings.has_value(), error);
  return std::move(*settings);
}

}  // namespace

TEST_CASE("settings: the nearest file wins; in one directory .paralint.toml, paralint.toml, pyproject.toml") {
  TempDir dir;
  dir.write("pyproject.toml", "[tool.paralint]\nselect = [\"A\"]\n");
  dir.write("pkg/pyproject.toml", "[project]\nname = \"pkg\"\n");  // no [tool.paralint]: passed over
  dir.write("broken/pyproject.toml", "[tool.paralint\n");          // not TOML: passed over
  dir.mkdir("pkg/sub");
  CHECK(paralint::find_settings_file(dir / "pkg/sub") == dir / "pyproject.toml");
  CHECK(paralint::find_settings_file(dir / "broken") == dir / "pyproject.toml");
  dir.write("pkg/paralint.toml", "select = [\"K\"]\n");
  CHECK(paralint::find_settings_file(dir / "pkg/sub") == dir / "pkg/paralint.toml");
  dir.write("pkg/sub/pyproject.toml", "[tool.paralint]\n");
  dir.write("pkg/sub/.paralint.toml", "");
  CHECK(paralint::find_settings_file(dir / "pkg/sub") == dir / "pkg/sub/.paralint.toml");
}

TEST_CASE("settings: every key read, with the line it came from") {
  TempDir dir;
  dir.write("pyproject.toml",
            "[project]\nname = \"x\"\n"
            "[tool.paralint]\n"
            "select = [\"A\", \"K001\"]\n"
            "extend-select = [\"X\"]\n"
            "ignore = [\"A009\"]\n"
            "fail-on = \"error\"\n"
            "pytest-version = \"7.2\"\n"
            "iniconfig-version = \"1.1.1\"\n"
            "plugins = { pytest-xdist = \"3.1\" }\n"
            "exclude = [\"legacy\"]\n"
            "[tool.paralint.per-file-ignores]\n"
            "\"sub/*.ini\" = [\"A001\", \"D\"]\n");
  const auto settings = loaded(dir, "pyproject.toml");
  CHECK(settings.file == dir / "pyproject.toml");
  CHECK(settings.select.value == std::vector<std::string>{"A", "K001"});
  CHECK(settings.select.sources.at(0).line == 4);
  CHECK(settings.ignore.value == std::vector<std::string>{"A009"});
  CHECK(settings.fail_on.value == paralint::Severity::Error);
  CHECK(settings.pytest_version.value == "7.2");
  CHECK(settings.plugins.value == paralint::PluginList{{"pytest-xdist", "3.1"}});
  REQUIRE(settings.exclude.value.size() == 1);
  CHECK(settings.exclude.value[0].matches(dir / "a/legacy/tox.ini"));
  REQUIRE(settings.per_file_ignores.size() == 1);
  CHECK(settings.per_file_ignores[0].source.line == 13);

  const auto request = settings.check_request(nullptr);
  CHECK(request.selection.selected("A002"));
  CHECK(request.selection.selected("X001"));
  CHECK_FALSE(request.selection.selected("A009"));
  CHECK_FALSE(request.selection.selected("K002"));
  CHECK(request.runs("A001", dir / "pytest.ini"));
  CHECK_FALSE(request.runs("A001", dir / "sub/tox.ini"));
  CHECK_FALSE(request.runs("D001", dir / "sub/tox.ini"));
  CHECK(request.runs("A002", dir / "sub/tox.ini"));
}

TEST_CASE("settings: plugins as an array, as --plugins takes them") {
  TempDir dir;
  dir.write("paralint.toml", "plugins = [\"pytest-xdist=3.6\", \"pytest-timeout\"]\n");
  CHECK(loaded(dir, "paralint.toml").plugins.value ==
        paralint::PluginList{{"pytest-xdist", "3.6"}, {"pytest-timeout", ""}});
}

TEST_CASE("settings: unknown keys and wrong types are errors, with the line") {
  CHECK(load_error("paralint.toml", "selct = [\"A\"]\n") ==
        "paralint.toml:1: unknown setting `selct` (did you mean `select`?); the settings are select, extend-select, "
        "ignore, per-file-ignores, fail-on, pytest-version, iniconfig-version, plugins, exclude");
  CHECK(load_error("paralint.toml", "\nper_file_ignores = {}\n")
            .starts_with("paralint.toml:2: unknown setting `per_file_ignores` (did you mean `per-file-ignores`?)"));
  CHECK(load_error("paralint.toml", "[tool.paralint]\nselect = []\n")
            .starts_with("paralint.toml:1: unknown setting `tool`: paralint.toml holds the settings at its top level"));
  CHECK(load_error("paralint.toml", "select = \"A\"\n") ==
        "paralint.toml:1: `select` must be an array of strings (rule codes, prefixes or ALL), not a string");
  CHECK(load_error("paralint.toml", "ignore = [\"A\", 1]\n") ==
        "paralint.toml:1: `ignore` must be an array of strings (rule codes, prefixes or ALL); this item is an integer");
  CHECK(load_error("paralint.toml", "select = [\"a001\"]\n") ==
        "paralint.toml:1: `select`: `a001` is not a rule code, a prefix of one or ALL (did you mean `A001`?)");
  CHECK(load_error("paralint.toml", "select = [\"A0001\"]\n").ends_with("(did you mean `A001`?)"));
  CHECK(load_error("paralint.toml", "fail-on = \"warn\"\n") ==
        "paralint.toml:1: `fail-on` must be \"error\", \"warning\" or \"info\"");
  CHECK(load_error("paralint.toml", "pytest-version = \"6.2\"\n").starts_with("paralint.toml:1: `pytest-version`: "));
  CHECK(load_error("paralint.toml", "plugins = { pytest-timeout = true }\n")
            .starts_with("paralint.toml:1: plugins.pytest-timeout must be a version string"));
  CHECK(load_error("paralint.toml", "plugins = [\"a,b\"]\n") ==
        "paralint.toml:1: plugins: `a,b` is not NAME or NAME=VERSION (one plugin per item)");
  CHECK(load_error("paralint.toml", "[per-file-ignores]\n\"x[\" = [\"A\"]\n") ==
        "paralint.toml:2: per-file-ignores: `x[`: not a glob (an unclosed `[`, an unknown `[:class:]` or a trailing `\\`)");
  CHECK(load_error("paralint.toml", "select = [\n") == "paralint.toml:2:1: not valid TOML: Invalid value");
  CHECK(load_error("pyproject.toml", "[tool]\nparalint = 1\n") ==
        "pyproject.toml: tool.paralint must be a table, not an integer");
}

TEST_CASE("settings: flags override the file") {
  TempDir dir;
  dir.write("paralint.toml",
            "select = [\"A\"]\nextend-select = [\"K\"]\nignore = [\"A009\"]\npytest-version = \"8.0\"\n");
  auto settings = loaded(dir, "paralint.toml");
  SettingsOverrides overrides;
  overrides.select = std::vector<std::string>{"X"};
  overrides.ignore = std::vector<std::string>{"X003"};
  overrides.pytest_version = "7.2.1";
  overrides.plugins = "pytest-xdist=3.1";
  std::string error;
  REQUIRE(paralint::apply_overrides(settings, overrides, error));
  const auto selection = settings.selection();
  CHECK(selection.select == std::vector<std::string>{"X"});             // --select replaces select and extend-select
  CHECK(selection.ignore == std::vector<std::string>{"A009", "X003"});  // --ignore adds
  CHECK(settings.ignore.sources.size() == 2);
  CHECK(settings.ignore.sources[1].flag == "--ignore");
  CHECK(settings.pytest_version.value == "7.2.1");
  CHECK(settings.plugins.value == paralint::PluginList{{"pytest-xdist", "3.1"}});

  SettingsOverrides extend;
  extend.extend_select = std::vector<std::string>{"M"};
  REQUIRE(paralint::apply_overrides(settings, extend, error));
  CHECK(settings.selection().select == std::vector<std::string>{"X", "M"});

  SettingsOverrides bad;
  bad.select = std::vector<std::string>{"Q"};
  CHECK_FALSE(paralint::apply_overrides(settings, bad, error));
  CHECK(error == "--select: `Q` is not a rule code, a prefix of one or ALL");
}

TEST_CASE("settings: the resolver reads each file once and honours --isolated and --settings") {
  TempDir dir;
  dir.write("paralint.toml", "ignore = [\"D\"]\n[per-file-ignores]\n\"a/*\" = [\"A\"]\n");
  dir.write("ci/strict.toml", "[per-file-ignores]\n\"a/*\" = [\"K\"]\n");
  dir.mkdir("a");
  std::string error;

  paralint::SettingsResolver nearest({false, std::nullopt, {}, dir.path()});
  const auto* first = nearest.resolve(dir / "a", error);
  REQUIRE(first != nullptr);
  CHECK(first == nearest.resolve(dir.path(), error));
  CHECK(first->ignore.value == std::vector<std::string>{"D"});

  paralint::SettingsResolver isolated({true, std::nullopt, {}, dir.path()});
  CHECK(isolated.resolve(dir / "a", error)->file == std::nullopt);

  // An explicit file's globs are relative to the current directory, as ruff's --config.
  paralint::SettingsResolver explicit_file({false, dir / "ci/strict.toml", {}, dir.path()});
  const auto* chosen = explicit_file.resolve(dir / "a", error);
  REQUIRE(chosen != nullptr);
  CHECK(chosen->directory == std::filesystem::current_path());
}
