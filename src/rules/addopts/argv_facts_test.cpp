// Python's answers were checked with /usr/bin/python3 3.11.2: int(s), float(s), and
// pytest 7.2.1's argparse messages for the same strings.
#include "rules/addopts/argv_facts.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using paralint::rules::addopts::argument_error;
using paralint::rules::addopts::inline_comments;
using paralint::rules::addopts::python_float_accepts;
using paralint::rules::addopts::python_int_accepts;

TEST_CASE("addopts facts: int() of a str") {
  for (const auto* text : {"3", " 3 ", "+3", "-3", "007", "1_000", "\t42\n"})
    CHECK_MESSAGE(python_int_accepts(text), text);
  for (const auto* text : {"", " ", "x", "3.0", "1_", "_1", "1__0", "0x10", "3 4", "+", "1e3"}) {
    CHECK_FALSE_MESSAGE(python_int_accepts(text), text);
  }
}

TEST_CASE("addopts facts: float() of a str") {
  for (const auto* text :
       {"1", "1.5", ".5", "5.", "1e3", "1E-3", "+.5e+2", " 2 ", "inf", "-Infinity", "nan", "1_0.5"}) {
    CHECK_MESSAGE(python_float_accepts(text), text);
  }
  for (const auto* text : {"", ".", "e3", "1e", "abc", "1_.5", "1._5", "infinit", "1.5.2", "0x1p3"}) {
    CHECK_FALSE_MESSAGE(python_float_accepts(text), text);
  }
}

TEST_CASE("addopts facts: argparse's complaint about an argument") {
  const auto schemas = paralint::SchemaSet::parse({{"schemas/pytest.toml", R"(
[component]
name = "pytest"
releases = ["7.2.1"]

[[option]]
names = ["--maxfail"]
dest = "maxfail"
type = "int"

[[option]]
names = ["--doctest-report"]
dest = "doctestreport"
type = "lower"
choices = ["none", "cdiff"]

[[option]]
names = ["--basetemp"]
dest = "basetemp"
type = "validate_basetemp"
choices = ["never-checked"]
)"},
                                                   {"schemas/pytest-xdist.toml", R"(
[component]
name = "pytest-xdist"
releases = ["3.1.0", "3.2.0"]

[[option]]
names = ["-n", "--numprocesses"]
dest = "numprocesses"
type = "parse_numprocesses"

[[option]]
names = ["--dist"]
dest = "dist"
choices = ["load", "worksteal", "no"]
choices_since = { worksteal = "3.2.0" }
)"}});
  const auto& core = schemas.core();
  const auto& xdist = *schemas.find("pytest-xdist");
  const auto v = [](const char* text) { return *paralint::Version::parse(text); };
  CHECK(argument_error(*core.find_option("--maxfail"), v("7.2.1"), "x") == "invalid int value: 'x'");
  CHECK_FALSE(argument_error(*core.find_option("--maxfail"), v("7.2.1"), " 5"));
  CHECK_FALSE(argument_error(*core.find_option("--doctest-report"), v("7.2.1"), "CDIFF"));
  CHECK(argument_error(*core.find_option("--doctest-report"), v("7.2.1"), "Ndiff") ==
        "invalid choice: 'ndiff' (choose from 'none', 'cdiff')");
  CHECK_FALSE(argument_error(*core.find_option("--basetemp"), v("7.2.1"), "anything"));
  const auto& numprocesses = *xdist.find_option("-n");
  CHECK_FALSE(argument_error(numprocesses, v("3.1.0"), "auto"));
  CHECK_FALSE(argument_error(numprocesses, v("3.1.0"), "logical"));
  CHECK_FALSE(argument_error(numprocesses, v("3.1.0"), "-1"));
  CHECK(argument_error(numprocesses, v("3.1.0"), " auto") == "invalid parse_numprocesses value: ' auto'");
  const auto& dist = *xdist.find_option("--dist");
  CHECK(argument_error(dist, v("3.1.0"), "worksteal") == "invalid choice: 'worksteal' (choose from 'load', 'no')");
  CHECK_FALSE(argument_error(dist, v("3.2.0"), "worksteal"));
}

TEST_CASE("addopts facts: inline comments of an INI value") {
  using Ranges = std::vector<std::pair<std::size_t, std::size_t>>;
  const auto ranges = [](std::string_view value) {
    Ranges out;
    for (const auto& range : inline_comments(value)) out.emplace_back(range.begin, range.end);
    return out;
  };
  CHECK(ranges("-n auto  # cores\n--dist=load ; why") == Ranges{{9, 16}, {29, 34}});
  CHECK(ranges("# first line\n-x") == Ranges{{0, 12}});
  CHECK(ranges("-k foo#bar --x=1;2").empty());                        // not at the start of a word
  CHECK(ranges("-k \"a # b\" -m 'c ; d'").empty());                   // inside quotes
  CHECK(ranges("-k a\\ #b").empty());                                 // an escaped space continues the word
  CHECK(ranges("-x # don't\n-v # ok") == Ranges{{3, 10}, {14, 18}});  // a comment's quote ends with it
}

