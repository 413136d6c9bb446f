// Each expectation was checked against pytest 7.2.1 on Python 3.11.2 (Debian) with
// pytest-xdist 3.1.0 and pytest-cov 4.0.0: the same argv given to
// `_pytest.config._prepareconfig` and config.option/file_or_dir printed, or the UsageError.
#include "paralint/model/addopts_model.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using paralint::OptionOwner;
using paralint::ParsedAddopts;
using paralint::Presence;
using paralint::SchemaSet;
using paralint::Version;

namespace {

const char* const kCore = R"(
[component]
name = "pytest"
releases = ["7.2.1", "8.0.0"]

[[option]]
names = ["-v", "--verbose"]
dest = "verbose"
action = "count"

[[option]]
names = ["-s"]
dest = "capture"
action = "store_const"

[[option]]
names = ["-x", "--exitfirst"]
dest = "maxfail"
action = "store_const"

[[option]]
names = ["--maxfail"]
dest = "maxfail"
type = "int"

[[option]]
names = ["-k"]
dest = "keyword"

[[option]]
names = ["-p"]
dest = "plugins"
action = "append"
)";

const char* const kXdist = R"(
[component]
name = "pytest-xdist"
short_names = ["xdist"]
entry_points = ["xdist", "xdist.looponfail"]
releases = ["2.5.0", "3.1.0"]

[[option]]
names = ["-n", "--numprocesses"]
dest = "numprocesses"
type = "parse_numprocesses"

[[option]]
names = ["-d"]
dest = "distload"
action = "store_true"

[[option]]
names = ["--dist"]
dest = "dist"
choices = ["each", "load", "loadscope", "loadfile", "loadgroup", "no"]

[[option]]
names = ["--boxed"]
dest = "boxed"
action = "store_true"
removed = "3.0.0"
)";

const char* const kCov = R"(
[component]
name = "pytest-cov"
short_names = ["pytest_cov"]
entry_points = ["pytest_cov"]
releases = ["4.0.0"]

[[option]]
names = ["--cov"]
dest = "cov_source"
action = "append"
nargs = "?"

[[option]]
names = ["--cov-columns"]
dest = "cov_columns"
nargs = "+"
)";

const SchemaSet& schemas() {
  static const SchemaSet set = SchemaSet::parse(
      {{"schemas/pytest.toml", kCore}, {"schemas/pytest-xdist.toml", kXdist}, {"schemas/pytest-cov.toml", kCov}});
  return set;
}

paralint::Target target(std::string_view pytest = "7.2.1", Presence xdist = Presence::Installed) {
  paralint::Target out;
  out.versions = {*Version::parse(pytest), *Version::parse("1.1.1"), "test", "test"};
  out.knowledge = paralint::PluginKnowledge::Stated;
  out.plugins = {{schemas().find("pytest-xdist"), xdist, *Version::parse("3.1.0"), "test"},
                 {schemas().find("pytest-cov"), Presence::Installed, *Version::parse("4.0.0"), "test"}};
  return out;
}

// argv as if written on one line separated by single spaces, so that spans are offsets
// into that line.
ParsedAddopts parse(const std::vector<std::string>& argv, const paralint::Target& environment = target(),
                    const std::vector<paralint::ProjectOption>& project = {}) {
  paralint::EffectiveConfig config;
  std::size_t offset = 0;
  for (const auto& arg : argv) {
    config.addopts.push_back({paralint::Value::make_string(arg), {offset, offset + arg.size()}, false});
    offset += arg.size() + 1;
  }
  return paralint::parse_addopts(config, schemas(), environment, project);
}

std::vector<std::string> flags(const ParsedAddopts& parsed) {
  std::vector<std::string> out;
  for (const auto& option : parsed.options) out.push_back(option.flag + (option.value ? "=" + *option.value : ""));
  return out;
}

std::vector<std::string> texts(const ParsedAddopts& parsed, const std::vector<std::size_t>& indexes) {
  std::vector<std::string> out;
  out.reserve(indexes.size());
  for (const auto index : indexes) out.push_back(parsed.tokens[index].text);
  return out;
}

std::vector<std::string> errors(const ParsedAddopts& parsed) {
  std::vector<std::string> out;
  for (const auto& error : parsed.arity_errors) out.push_back(error.message);
  return out;
}

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("addopts model: single-dash clusters") {
  const auto vvs = parse({"-vvs"});
  CHECK(flags(vvs) == Strings{"-v", "-v", "-s"});
  CHECK(errors(vvs).empty());
  CHECK(vvs.options[0].span == paralint::Span{0, 2});
  CHECK(vvs.options[1].span == paralint::Span{2, 3});
  CHECK(vvs.options[2].clustered);
  // "-v=x" is -v then -x: argparse splits at "=" and goes on with the flags after it.
  CHECK(flags(parse({"-v=x"})) == Strings{"-v", "-x"});
  CHECK(errors(parse({"-vZs"})) == Strings{"argument -v/--verbose: ignored explicit argument 'Zs'"});
  CHECK(errors(parse({"-v="})) == Strings{"argument -v/--verbose: ignored explicit argument ''"});
  // A plugin flag after a core one: pytest's first pass knows only core options and stops.
  CHECK(errors(parse({"-xn4"})) == Strings{"argument -x/--exitfirst: ignored explicit argument 'n4'"});
  CHECK(errors(parse({"-vd"})) == Strings{"argument -v/--verbose: ignored explicit argument 'd'"});
  // The other way round the plugin pass knows both.
  CHECK(flags(parse({"-dv"})) == Strings{"-d", "-v"});
  CHECK(errors(parse({"-dv"})).empty());
}

TEST_CASE("addopts model: attached values") {
  const auto nauto = parse({"-nauto"});
  CHECK(flags(nauto) == Strings{"-n=auto"});
  CHECK(nauto.options[0].attached);
  CHECK(nauto.options[0].value_span == paralint::Span{2, 6});
  CHECK(flags(parse({"-n=auto"})) == Strings{"-n=auto"});
  const auto dist = parse({"--dist=load"});
  CHECK(flags(dist) == Strings{"--dist=load"});
  CHECK(dist.options[0].value_span == paralint::Span{7, 11});
  CHECK(flags(parse({"--dist=", "x"})) == Strings{"--dist="});
  CHECK(errors(parse({"--exitfirst=1"})) == Strings{"argument -x/--exitfirst: ignored explicit argument '1'"});
  // One TOML list element "-n auto": -n gets " auto".
  CHECK(flags(parse({"-n auto"})) == Strings{"-n= auto"});
}

TEST_CASE("addopts model: values in the next token") {
  CHECK(flags(parse({"-n", "4", "--dist", "load"})) == Strings{"-n=4", "--dist=load"});
  CHECK(flags(parse({"-n", "-1"})) == Strings{"-n=-1"});  // a negative number is an argument
  CHECK(errors(parse({"--maxfail"})) == Strings{"argument --maxfail: expected one argument"});
  CHECK(errors(parse({"-k", "-x"})) == Strings{"argument -k: expected one argument"});
  CHECK(errors(parse({"-x", "-p"})) == Strings{"argument -p: expected one argument"});
  const auto many = parse({"--cov-columns", "a", "b", "-x"});
  CHECK(many.options[0].values == Strings{"a", "b"});
  CHECK(many.options[0].value_span == paralint::Span{14, 17});
  CHECK(errors(parse({"--cov-columns"})) == Strings{"argument --cov-columns: expected at least one argument"});
  // An explicit value is the only one: the next token is a positional.
  const auto explicit_many = parse({"--cov-columns=a", "b"});
  CHECK(explicit_many.options[0].values == Strings{"a"});
  CHECK(texts(explicit_many, explicit_many.positionals) == Strings{"b"});
}

TEST_CASE("addopts model: optional values") {
  const auto alone = parse({"--cov"});
  REQUIRE(alone.options.size() == 1);
  CHECK_FALSE(alone.options[0].value);
  CHECK(errors(alone).empty());
  CHECK(flags(parse({"--cov", "src"})) == Strings{"--cov=src"});
  CHECK(flags(parse({"--cov", "-x"})) == Strings{"--cov", "-x"});
  CHECK(flags(parse({"--cov=src"})) == Strings{"--cov=src"});
}

TEST_CASE("addopts model: -- and positionals") {
  const auto keyword = parse({"-k", "--", "foo"});
  CHECK(errors(keyword) == Strings{"argument -k: expected one argument"});
  CHECK(texts(keyword, keyword.positionals) == Strings{"foo"});
  const auto separated = parse({"-x", "--", "a", "-b"});
  CHECK(texts(separated, separated.positionals) == Strings{"a", "-b"});
  CHECK(separated.extras.empty());
  // file_or_dir takes the first run only; later runs are left over, "--" included.
  const auto split = parse({"a", "-x", "b"});
  CHECK(texts(split, split.positionals) == Strings{"a", "b"});
  CHECK(texts(split, split.extras) == Strings{"b"});
  const auto late = parse({"a", "-x", "--", "-b"});
  CHECK(texts(late, late.extras) == Strings{"--", "-b"});
  // A string with a space that no option prefix claims is a positional.
  const auto spaced = parse({"-x", "--dist loadscope"});
  CHECK(texts(spaced, spaced.positionals) == Strings{"--dist loadscope"});
  CHECK(spaced.unknown.empty());
  const auto spaced_late = parse({"a", "-x", "--dist loadscope"});
  CHECK(texts(spaced_late, spaced_late.extras) == Strings{"--dist loadscope"});
}

TEST_CASE("addopts model: unknown options and versions") {
  const auto unknown = parse({"--worker-restart-delay=1", "-n", "2"});
  REQUIRE(unknown.unknown.size() == 1);
  CHECK(unknown.unknown[0].flag == "--worker-restart-delay");
  CHECK(unknown.unknown[0].span == paralint::Span{0, 22});
  CHECK(flags(unknown) == Strings{"-n=2"});
  const auto boxed = parse({"--boxed"});
  REQUIRE(boxed.options.size() == 1);
  CHECK_FALSE(boxed.options[0].exists_in_version);
  const auto project = parse({"--run-slow", "-x"}, target(), {{"--run-slow", false}});
  REQUIRE(project.options.size() == 2);
  CHECK(project.options[0].owner == OptionOwner::Project);
}

TEST_CASE("addopts model: -p arguments") {
  const auto disabled = parse({"-p", "no:xdist", "-n", "2"});
  REQUIRE(disabled.plugin_arguments.size() == 1);
  CHECK(disabled.plugin_arguments[0].disables);
  CHECK(disabled.plugin_arguments[0].name == "xdist");
  CHECK(disabled.options.back().owner == OptionOwner::Absent);
  CHECK(disabled.disables("xdist"));
  // pytest blocks NAME and pytest_NAME: "-p no:cov" disables the pytest_cov entry point.
  const auto cov = parse({"-pno:cov", "--cov"});
  CHECK(cov.disables("pytest_cov"));
  CHECK(cov.options.back().owner == OptionOwner::Absent);
  // pytest applies -p arguments in order: a later "-p xdist" unblocks it again.
  const auto toggled = parse({"-p", "no:xdist", "-p", "xdist", "-n", "2"});
  CHECK(toggled.options.back().owner == OptionOwner::Active);
  CHECK_FALSE(toggled.disables("xdist"));
  // The last argument naming the plugin decides, by either of its names.
  CHECK_FALSE(parse({"-p", "no:cov", "-p", "pytest_cov"}).disables("pytest_cov"));
  CHECK(parse({"-p", "pytest_cov", "-p", "no:cov"}).disables("pytest_cov"));
  CHECK_FALSE(parse({"-p", "no:cov"}).disables("cov_extra"));
  CHECK_FALSE(parse({"-p", "no:pytest_cov"}).disables("pytest_pytest_cov"));
  CHECK(parse({"-p", "no:pytest_cov"}).disables("pytest_cov"));
  // Blocking xdist's second entry point leaves the options of the first.
  CHECK(parse({"-p", "no:xdist.looponfail", "-n", "2"}).options.back().owner == OptionOwner::Active);
  // One token "-p no:x" keeps its space before pytest 7.3, which strips it.
  const auto old = parse({"-p no:xdist"}, target("7.2.1"));
  CHECK_FALSE(old.plugin_arguments[0].disables);
  CHECK(old.plugin_arguments[0].name == " no:xdist");
  CHECK(parse({"-p no:xdist"}, target("8.0.0")).plugin_arguments[0].disables);
  CHECK(parse({"-p=no:xdist"}, target("8.0.0")).plugin_arguments[0].name == "=no:xdist");
  const auto absent = parse({"-x", "-n"}, target("7.2.1", Presence::Absent));
  CHECK(absent.options[1].owner == OptionOwner::Absent);
  CHECK(errors(absent).empty());  // argparse calls it unrecognized, not "expected one argument"
}

TEST_CASE("addopts model: a non-string TOML item is read as its str()") {
  paralint::EffectiveConfig config;
  config.addopts.push_back({paralint::Value::make_string("--maxfail"), {0, 9}, false});
  paralint::Value three;
  three.kind = paralint::Value::Kind::Integer;
  three.integer = 3;
  config.addopts.push_back({three, {10, 11}, false});
  const auto parsed = paralint::parse_addopts(config, schemas(), target(), {});
  // pytest itself crashes on it (os.fspath); read as written, it is the option's value.
  CHECK(flags(parsed) == Strings{"--maxfail=3"});
  CHECK_FALSE(parsed.tokens[1].is_string);
  CHECK(parsed.tokens[1].text == "3");
}
