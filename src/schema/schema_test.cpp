#include "paralint/schema/schema.hpp"

#include <doctest/doctest.h>

#include <stdexcept>

using paralint::Arity;
using paralint::SchemaSet;
using paralint::Version;

namespace {

const char* const kCore = R"(
[component]
name = "pytest"
releases = ["7.2.1", "8.0.0", "9.0.0"]

[[ini]]
name = "strict_xfail"
type = "bool"
since = "9.0.0"
aliases = [{ name = "xfail_strict", since = "9.0.0" }]

[[option]]
names = ["-p"]
dest = "plugins"
action = "append"

[[option]]
names = ["-s"]
dest = "capture"
action = "store_const"
)";

const char* const kXdist = R"(
[component]
name = "pytest-xdist"
short_names = ["xdist"]
entry_points = ["xdist", "xdist.looponfail"]
releases = ["2.5.0", "3.1.0", "3.2.0", "3.8.0"]

[[option]]
names = ["--dist"]
dest = "dist"
choices = ["load", "loadgroup", "worksteal", "no"]
choices_since = { worksteal = "3.2.0" }

[[option]]
names = ["--boxed"]
dest = "boxed"
action = "store_true"
removed = "3.0.0"

[[option]]
names = ["--cov"]
dest = "cov"
action = "append"
nargs = "?"
)";

Version version_of(std::string_view text) { return *Version::parse(text); }

}  // namespace

TEST_CASE("schema: the core comes first whatever the file order") {
  const auto set = SchemaSet::parse({{"schemas/pytest-xdist.toml", kXdist}, {"schemas/pytest.toml", kCore}});
  CHECK(set.core().name == "pytest");
  CHECK(set.components().size() == 2);
}

TEST_CASE("schema: options know their arity from action and nargs") {
  const auto set = SchemaSet::parse({{"schemas/pytest.toml", kCore}, {"schemas/pytest-xdist.toml", kXdist}});
  const auto& xdist = set.components()[1];
  CHECK(set.core().find_option("-s")->arity == Arity::None);
  CHECK(set.core().find_option("-p")->arity == Arity::One);
  CHECK(xdist.find_option("--boxed")->arity == Arity::None);
  CHECK(xdist.find_option("--cov")->arity == Arity::Optional);
}

TEST_CASE("schema: choices and options follow the release") {
  const auto set = SchemaSet::parse({{"schemas/pytest.toml", kCore}, {"schemas/pytest-xdist.toml", kXdist}});
  const auto* xdist = set.find("xdist");
  REQUIRE(xdist != nullptr);
  const auto* dist = xdist->find_option("--dist");
  CHECK(dist->choices_in(version_of("3.1.0")) == std::vector<std::string>{"load", "loadgroup", "no"});
  CHECK(dist->choices_in(version_of("3.2.0")).size() == 4);
  const auto* boxed = xdist->find_option("--boxed");
  CHECK(boxed->availability.in(version_of("2.5.0")));
  CHECK_FALSE(boxed->availability.in(version_of("3.0.0")));
}

TEST_CASE("schema: keys are found by alias, components by any of their names") {
  const auto set = SchemaSet::parse({{"schemas/pytest.toml", kCore}, {"schemas/pytest-xdist.toml", kXdist}});
  CHECK(set.core().find_ini("xfail_strict") == set.core().find_ini("strict_xfail"));
  CHECK(set.find("pytest_xdist") == set.find("Pytest-Xdist"));
  CHECK(set.find("xdist.looponfail") != nullptr);
  CHECK(set.find("pytest-django") == nullptr);
  CHECK(set.find("xdist")->newest_satisfying({">=3.1,<3.8"}) == version_of("3.2.0"));
}

TEST_CASE("schema: a malformed schema is a build defect, not user input") {
  CHECK_THROWS_AS(SchemaSet::parse({{"schemas/pytest.toml", "[component]\nname = \"pytest\"\n"}}), std::logic_error);
  CHECK_THROWS_AS(SchemaSet::parse({{"schemas/pytest-xdist.toml", kXdist}}), std::logic_error);
}

TEST_CASE("schema: distribution names normalise as PEP 503 says") {
  CHECK(paralint::normalize_distribution_name("Pytest_XDist") == "pytest-xdist");
  CHECK(paralint::normalize_distribution_name("zope.interface") == "zope-interface");
  CHECK(paralint::normalize_distribution_name("a__b") == "a-b");
}

TEST_CASE("schema: a component is known by any spelling that normalises to one of its names") {
  const auto& xdist = *paralint::SchemaSet::embedded().find("pytest-xdist");
  for (const auto* name : {"pytest-xdist", "Pytest_XDist", "pytest.xdist", "pytest__-xdist", "xdist", "XDIST"}) {
    CAPTURE(name);
    CHECK(xdist.known_as(name));
  }
  for (const auto* name : {"pytest-xdis", "pytest-xdistx", "", "-xdist", "pytest xdist", "pytestxdist"}) {
    CAPTURE(name);
    CHECK_FALSE(xdist.known_as(name));
  }
}

TEST_CASE("schema: every embedded schema parses") {
  // Throws (a build defect) if any shipped schemas/*.toml is malformed.
  const auto& set = paralint::SchemaSet::embedded();
  CHECK(set.core().is_core());
  for (const auto& component : set.components()) {
    CAPTURE(component.name);
    CHECK_FALSE(component.releases.empty());
  }
}

TEST_CASE("schema: the compiled blob holds exactly what the TOML says") {
  const auto parsed = SchemaSet::parse({{"schemas/pytest.toml", kCore}, {"schemas/pytest-xdist.toml", kXdist}});
  const auto loaded = SchemaSet::from_blob(parsed.to_blob());
  CHECK(loaded.to_blob() == parsed.to_blob());
  REQUIRE(loaded.components().size() == 2);
  const auto* dist = loaded.find("xdist")->find_option("--dist");
  REQUIRE(dist != nullptr);
  CHECK(dist->choices_in(version_of("3.1.0")) == std::vector<std::string>{"load", "loadgroup", "no"});
  CHECK(loaded.core().find_ini("xfail_strict")->aliases.front().since == version_of("9.0.0"));
  CHECK(loaded.find("xdist")->find_option("--cov")->arity == Arity::Optional);
  CHECK_THROWS_AS(SchemaSet::from_blob(parsed.to_blob().substr(0, 10)), std::logic_error);
}

TEST_CASE("schema: keys, markers and names are looked up in indexes of every component") {
  const auto& set = paralint::SchemaSet::embedded();
  const auto& qt = set.with_ini_key("qt_api");
  REQUIRE(qt.size() == 1);
  CHECK(qt.front()->name == "pytest-qt");
  // An alias finds the key's component too (pytest 9's strict_xfail is xfail_strict).
  REQUIRE_FALSE(set.with_ini_key("strict_xfail").empty());
  CHECK(set.with_ini_key("strict_xfail").front()->is_core());
  CHECK(set.with_ini_key("no_such_key").empty());
  REQUIRE_FALSE(set.with_marker("xdist_group").empty());
  CHECK(set.with_marker("xdist_group").front()->name == "pytest-xdist");
  // Any spelling of a distribution, import or entry-point name.
  REQUIRE(set.find("Pytest_XDist") != nullptr);
  CHECK(set.find("Pytest_XDist")->name == "pytest-xdist");
  CHECK(set.find("pytestqt")->name == "pytest-qt");  // its import package
  CHECK(set.find("pytest-no-such-plugin") == nullptr);
  CHECK(set.find("pytest-qt")->name == "pytest-qt");
}
