#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "paralint/rules/check_context.hpp"
#include "rules/markers/markers.hpp"
#include "support/temp_dir.hpp"

using paralint::Version;
using paralint::rules::closest_name;
using paralint::testing::TempDir;

namespace {

// Whether strict markers are on for a pytest.ini holding `body`, modelled at `pytest`, with
// PYTEST_ADDOPTS set to `environment` when given.
paralint::rules::StrictMarkers strictness(std::string_view pytest, const std::string& body,
                                          std::optional<std::string> environment = std::nullopt) {
  TempDir dir;
  dir.write("pytest.ini", "[pytest]\nmarkers =\n    fast: x\n" + body);
  const auto version = *Version::parse(pytest);
  paralint::DiscoveryOptions options;
  options.environment_addopts = std::move(environment);
  const auto config = paralint::discover(dir.path(), paralint::Behaviour::of(version, {2, 1, 0}), options);
  const auto& schemas = paralint::SchemaSet::embedded();
  paralint::TargetRequest request;
  request.stated_plugins = std::vector<std::pair<std::string, std::string>>{};
  std::string error;
  const auto target = paralint::resolve_target({version, {2, 1, 0}, "stated", "stated"}, request, schemas, error);
  REQUIRE(target.has_value());
  const paralint::ProjectScan scan;
  const auto addopts = paralint::parse_addopts(config, schemas, *target, {});
  const std::vector<paralint::ConfigDocument> documents;
  const paralint::CheckContext context{config, *target, schemas, scan, addopts, documents};
  return paralint::rules::strict_markers(context);
}

}  // namespace

// The matrix run against pytest 7.2.1 (Debian), 8.4.2, 9.0.3 and 9.1.1 with an undeclared mark:
// "error" where collection failed, "warning" where the test passed with a warning.
TEST_CASE("strict markers: what enables them in each pytest release") {
  struct Row {
    const char* setting;
    bool v7;
    bool v8;
    bool v90;
    bool v91;
  };
  const Row rows[] = {
      {"addopts = --strict-markers\n", true, true, false, true},
      {"addopts = --strict\n", true, true, false, true},
      {"addopts = -o strict_markers=true\n", false, false, false, true},
      {"strict_markers = true\n", false, false, true, true},
      {"strict = true\n", false, false, true, true},
      {"strict = true\nstrict_markers = false\n", false, false, false, false},
      {"", false, false, false, false},
  };
  for (const auto& row : rows) {
    CAPTURE(row.setting);
    CHECK(strictness("7.2.1", row.setting).enabled == row.v7);
    CHECK(strictness("8.4.2", row.setting).enabled == row.v8);
    CHECK(strictness("9.0.3", row.setting).enabled == row.v90);
    CHECK(strictness("9.1.1", row.setting).enabled == row.v91);
  }
}

TEST_CASE("strict markers: settings that do nothing say why") {
  const auto key_on_8 = strictness("8.4.2", "strict_markers = true\n");
  REQUIRE(key_on_8.ineffective);
  CHECK(*key_on_8.ineffective ==
        "`strict_markers` is a config key only from pytest 9.0; pytest 8.4.2 warns \"Unknown config option: "
        "strict_markers\" and ignores it");
  const auto flag_on_90 = strictness("9.0.3", "addopts = --strict-markers\n");
  REQUIRE(flag_on_90.ineffective);
  CHECK(flag_on_90.ineffective->starts_with("--strict-markers in addopts is ignored by pytest 9.0.3"));
  // 9.0.x honours the flag from PYTEST_ADDOPTS (observed with 9.0.3).
  const auto environment = strictness("9.0.3", "", "--strict-markers");
  CHECK(environment.enabled);
  CHECK(environment.how == "--strict-markers in PYTEST_ADDOPTS");
  CHECK(strictness("9.1.1", "strict = true\nstrict_markers = false\n").disabled_on_purpose);
}

TEST_CASE("closest name: near misspellings only") {
  const std::vector<std::string> declared = {"slow", "integration", "db"};
  CHECK(closest_name("slwo", declared) == "slow");
  CHECK(closest_name("integraton", declared) == "integration");
  CHECK(closest_name("dbs", declared) == "db");
  CHECK(closest_name("xy", declared) == std::nullopt);  // two edits from "db": more than half the name
  CHECK(closest_name("network", declared) == std::nullopt);
  CHECK(closest_name("slow", declared) == std::nullopt);  // the same name is no suggestion
}
