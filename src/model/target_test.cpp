#include "paralint/model/target.hpp"

#include <doctest/doctest.h>

using paralint::Presence;
using paralint::SchemaSet;
using paralint::Version;

namespace {

SchemaSet small_schema_set() {
  return SchemaSet::parse({{"schemas/pytest.toml", "[component]\nname = \"pytest\"\nreleases = [\"9.1.1\"]\n"},
                           {"schemas/pytest-xdist.toml",
                            "[component]\nname = \"pytest-xdist\"\nshort_names = [\"xdist\"]\n"
                            "releases = [\"3.1.0\", \"3.6.1\", \"3.8.0\"]\n"},
                           {"schemas/pytest-timeout.toml",
                            "[component]\nname = \"pytest-timeout\"\nreleases = [\"2.1.0\", \"2.3.1\"]\n"}});
}

paralint::ModelledVersions versions() { return {*Version::parse("9.1.1"), *Version::parse("2.3.1"), "test", "test"}; }

}  // namespace

TEST_CASE("target: --plugins parses names and optional versions") {
  std::string error;
  const auto list = paralint::parse_plugin_list("pytest-xdist=3.6, xdist ,pytest-timeout", error);
  REQUIRE(list.has_value());
  CHECK(list->size() == 3);
  CHECK((*list)[0] == std::pair<std::string, std::string>{"pytest-xdist", "3.6"});
  CHECK((*list)[1].first == "xdist");
  CHECK_FALSE(paralint::parse_plugin_list("pytest-xdist=three", error).has_value());
  CHECK_FALSE(paralint::parse_plugin_list("=3.1", error).has_value());
}

TEST_CASE("target: a stated list is the whole set; X.Y means the newest X.Y.*") {
  const auto set = small_schema_set();
  paralint::TargetRequest request;
  request.stated_plugins = {{{"xdist", "3.6"}}};
  std::string error;
  const auto target = paralint::resolve_target(versions(), request, set, error);
  REQUIRE(target.has_value());
  CHECK(target->presence("pytest-xdist") == Presence::Installed);
  CHECK(target->plugin("xdist")->version == *Version::parse("3.6.1"));
  CHECK(target->presence("pytest-timeout") == Presence::Absent);
}

TEST_CASE("target: inferred plugins come from required_plugins and dependencies; the rest is unknown") {
  const auto set = small_schema_set();
  paralint::TargetRequest request;
  request.required_plugins = {"pytest-xdist<3.8"};
  std::string error;
  const auto target = paralint::resolve_target(versions(), request, set, error);
  REQUIRE(target.has_value());
  CHECK(target->presence("pytest-xdist") == Presence::Installed);
  CHECK(target->plugin("pytest-xdist")->version == *Version::parse("3.6.1"));
  CHECK(target->presence("pytest-timeout") == Presence::Unknown);
  request.required_plugins.clear();
  request.declared = {{"pytest-timeout", ">=2.2", "pyproject.toml"}};
  const auto declared = paralint::resolve_target(versions(), request, set, error);
  CHECK(declared->plugin("pytest-timeout")->version == *Version::parse("2.3.1"));
  CHECK(declared->presence("pytest-xdist") == Presence::Unknown);
}

TEST_CASE("target: an interpreter's plugins are facts, unmodelled ones are listed") {
  const auto set = small_schema_set();
  paralint::PythonEnvironment python;
  python.interpreter = "/usr/bin/python3";
  python.plugins = {{"pytest-xdist", "3.1.0", {"xdist", "xdist.looponfail"}}, {"pytest-mypy", "0.10", {"mypy"}}};
  paralint::TargetRequest request;
  request.python = &python;
  std::string error;
  const auto target = paralint::resolve_target(versions(), request, set, error);
  REQUIRE(target.has_value());
  CHECK(target->presence("pytest-xdist") == Presence::Installed);
  CHECK(target->presence("pytest-timeout") == Presence::Absent);
  CHECK(target->unmodelled_plugins == std::vector<std::string>{"pytest-mypy"});
}

TEST_CASE("target: a key's schema is the one its owner registers in the modelled release") {
  const auto set = SchemaSet::parse(
      {{"schemas/pytest.toml",
        "[component]\nname = \"pytest\"\nreleases = [\"9.1.1\"]\n"
        "[[ini]]\nname = \"strict_xfail\"\ntype = \"bool\"\naliases = [{ name = \"xfail_strict\" }]\n"},
       {"schemas/pytest-timeout.toml",
        "[component]\nname = \"pytest-timeout\"\nreleases = [\"2.1.0\", \"2.5.0\"]\n"
        "[[ini]]\nname = \"timeout\"\ntype = \"string\"\nremoved = \"2.5.0\"\n"
        "[[ini]]\nname = \"timeout\"\ntype = \"float\"\nsince = \"2.5.0\"\n"}});
  auto type_of = [&](const char* plugins, const char* key) -> std::string {
    paralint::TargetRequest request;
    std::string error;
    request.stated_plugins = paralint::parse_plugin_list(plugins, error);
    const auto target = paralint::resolve_target(versions(), request, set, error);
    REQUIRE(target.has_value());
    const auto* schema = target->ini_key(set, key);
    return schema != nullptr ? schema->type : "unknown";
  };
  CHECK(type_of("pytest-timeout=2.1", "timeout") == "string");
  CHECK(type_of("pytest-timeout=2.5", "timeout") == "float");
  CHECK(type_of("pytest-timeout", "xfail_strict") == "bool");  // by its alias
  CHECK(type_of("pytest-timeout", "nobody_registers_this") == "unknown");
}

TEST_CASE("target: psutil is known from the interpreter, --plugins, or what the project declares") {
  const auto set = small_schema_set();
  std::string error;
  auto psutil_of = [&](const paralint::TargetRequest& request) {
    const auto target = paralint::resolve_target(versions(), request, set, error);
    REQUIRE(target.has_value());
    return target->psutil;
  };
  paralint::TargetRequest declared;
  declared.declared = {{"pytest-xdist", "", "requirements.txt", {"psutil"}}};
  CHECK(psutil_of(declared) == Presence::Installed);
  declared.declared = {{"pytest-xdist", "", "requirements.txt", {}}};
  CHECK(psutil_of(declared) == Presence::Unknown);

  paralint::TargetRequest stated;
  stated.stated_plugins = {{{"pytest-xdist", ""}, {"psutil", ""}}};
  const auto target = paralint::resolve_target(versions(), stated, set, error);
  REQUIRE(target.has_value());
  CHECK(target->psutil == Presence::Installed);
  CHECK(target->unmodelled_plugins.empty());  // psutil is not a pytest plugin

  paralint::PythonEnvironment python;
  paralint::TargetRequest probed;
  probed.python = &python;
  CHECK(psutil_of(probed) == Presence::Absent);
  python.psutil_version = "5.9.4";
  CHECK(psutil_of(probed) == Presence::Installed);
}
