#include "paralint/schema/version.hpp"

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>

using paralint::Behaviour;
using paralint::Version;

namespace {

Version v(std::string_view text) {
  const auto parsed = Version::parse(text);
  REQUIRE(parsed.has_value());
  return *parsed;
}

// Behaviour for a pytest version with the newest iniconfig, or the other way round.
Behaviour pytest_at(std::string_view pytest) { return Behaviour::of(v(pytest), v("2.3.1")); }
Behaviour iniconfig_at(std::string_view iniconfig) { return Behaviour::of(v("9.1.1"), v(iniconfig)); }

// "X.Y.Z", or "none": readable in failure messages.
std::string text(const std::optional<Version>& version) { return version ? version->str() : "none"; }

}  // namespace

TEST_CASE("version: parse accepts X.Y and X.Y.Z") {
  CHECK(text(Version::parse("7.2")) == "7.2.0");
  CHECK(text(Version::parse("7.2.1")) == "7.2.1");
  CHECK(text(Version::parse("10.0.12")) == "10.0.12");
}

TEST_CASE("version: parse rejects other forms") {
  for (const auto* bad : {"", "7", "7.", "7.2.", ".7.2", "7..2", "7.2.1.4", "a.b", "7.2rc1", "7.2.1.dev0", " 7.2",
                          "7.2 ", "-1.2", "7.-2", "+7.2", "v7.2"}) {
    CAPTURE(bad);
    CHECK_FALSE(Version::parse(bad).has_value());
  }
}

TEST_CASE("version: str always has three parts") {
  CHECK(v("7.2").str() == "7.2.0");
  CHECK(v("9.1.1").str() == "9.1.1");
}

TEST_CASE("version: comparison is numeric, part by part") {
  CHECK(v("7.10") > v("7.9.9"));
  CHECK(v("8.0.0") > v("7.4.4"));
  CHECK(v("7.2") == v("7.2.0"));
}

TEST_CASE("version: resolve X.Y gives the newest known patch release") {
  const auto& pytest = paralint::known_versions().pytest;
  std::string error;
  CHECK(text(pytest.resolve("7.2", error)) == "7.2.2");
  CHECK(text(pytest.resolve("9.1", error)) == "9.1.1");
  CHECK(text(pytest.resolve("8.0", error)) == "8.0.2");
  CHECK(error.empty());
}

TEST_CASE("version: resolve X.Y.Z gives itself when known") {
  const auto& pytest = paralint::known_versions().pytest;
  std::string error;
  CHECK(text(pytest.resolve("7.2.1", error)) == "7.2.1");
  CHECK(text(pytest.resolve("7.2.0", error)) == "7.2.0");
  CHECK(text(paralint::known_versions().iniconfig.resolve("2.0", error)) == "2.0.0");
}

TEST_CASE("version: resolve refuses unknown releases with the known range") {
  const auto& pytest = paralint::known_versions().pytest;
  std::string error;
  CHECK_FALSE(pytest.resolve("6.2", error).has_value());
  CHECK(error == "version 6.2 is not one paralint knows (known: 7.0.0 to 9.1.1)");
  CHECK_FALSE(pytest.resolve("9.9.9", error).has_value());
  CHECK(error == "version 9.9.9 is not one paralint knows (known: 7.0.0 to 9.1.1)");
  CHECK_FALSE(pytest.resolve("7.2.9", error).has_value());
}

TEST_CASE("version: resolve refuses text that is not a version") {
  std::string error;
  CHECK_FALSE(paralint::known_versions().pytest.resolve("latest", error).has_value());
  CHECK(error == "'latest' is not a version (expected X.Y or X.Y.Z)");
}

TEST_CASE("version: the known release lists are ascending and end at the newest") {
  const auto& known = paralint::known_versions();
  CHECK(known.pytest.releases.size() == 41);
  CHECK(known.pytest.releases.front().str() == "7.0.0");
  CHECK(known.pytest.newest().str() == "9.1.1");
  CHECK(known.iniconfig.newest().str() == "2.3.1");
  for (std::size_t i = 1; i < known.pytest.releases.size(); ++i) {
    CHECK(known.pytest.releases[i - 1] < known.pytest.releases[i]);
  }
}

TEST_CASE("version: has() is false for an unknown change id") {
  CHECK_FALSE(paralint::known_versions().pytest.has("no-such-change", v("9.1.1")));
}

TEST_CASE("version: .pytest.ini is a candidate from pytest 7.2.0") {
  CHECK_FALSE(pytest_at("7.1.3").dot_pytest_ini);
  CHECK(pytest_at("7.2.0").dot_pytest_ini);
  CHECK_FALSE(pytest_at("8.4.2").dot_pytest_ini_always);
  CHECK(pytest_at("9.0.0").dot_pytest_ini_always);
}

TEST_CASE("version: a bare pyproject.toml is the fallback config from pytest 8.1.0") {
  CHECK_FALSE(pytest_at("8.0.2").bare_pyproject_fallback);
  CHECK(pytest_at("8.1.0").bare_pyproject_fallback);
}

TEST_CASE("version: native TOML and shadowed-candidate parsing start at pytest 9.0.0") {
  CHECK_FALSE(pytest_at("8.4.2").native_toml);
  CHECK(pytest_at("9.0.0").native_toml);
  CHECK_FALSE(pytest_at("8.4.2").parse_shadowed_candidates);
  CHECK(pytest_at("9.0.0").parse_shadowed_candidates);
}

TEST_CASE("version: iniconfig splits with str.splitlines() from 2.0.0") {
  CHECK_FALSE(iniconfig_at("1.1.1").iniconfig_splitlines);
  CHECK(iniconfig_at("2.0.0").iniconfig_splitlines);
}

TEST_CASE("version: iniconfig skips a BOM from 2.3.1") {
  CHECK_FALSE(iniconfig_at("2.3.0").iniconfig_strip_bom);
  CHECK(iniconfig_at("2.3.1").iniconfig_strip_bom);
}

TEST_CASE("version: Behaviour::of keeps the versions it was given") {
  const auto behaviour = Behaviour::of(v("7.2.1"), v("1.1.1"));
  CHECK(behaviour.pytest.str() == "7.2.1");
  CHECK(behaviour.iniconfig.str() == "1.1.1");
  CHECK_FALSE(behaviour.iniconfig_splitlines);
}

TEST_CASE("known versions survive the build-time blob") {
  const auto parsed = paralint::parse_known_versions(R"(
[pytest]
releases = ["7.2.1", "7.0.0", "9.1.1"]

[[pytest.changes]]
id = "native-toml"
since = "9.0.0"
what = "native TOML"
source = "findpaths.py"

[iniconfig]
releases = ["1.1.1", "2.3.1"]
)");
  CHECK(parsed.pytest.releases.front().str() == "7.0.0");  // sorted
  CHECK(parsed.pytest.newest().str() == "9.1.1");
  const auto read_back = paralint::known_versions_from_blob(paralint::known_versions_to_blob(parsed));
  CHECK(read_back.pytest.releases == parsed.pytest.releases);
  CHECK(read_back.iniconfig.releases == parsed.iniconfig.releases);
  REQUIRE(read_back.pytest.changes.size() == 1);
  CHECK(read_back.pytest.changes[0].id == "native-toml");
  CHECK(read_back.pytest.changes[0].since.str() == "9.0.0");
  CHECK(read_back.pytest.has("native-toml", parsed.pytest.newest()));
  CHECK_FALSE(read_back.pytest.has("native-toml", parsed.pytest.releases.front()));
  CHECK_THROWS_AS(paralint::known_versions_from_blob("x"), std::logic_error);
  CHECK_THROWS_AS(paralint::parse_known_versions("[pytest]\nreleases = []\n"), std::logic_error);
}
