#include "rules/xdist/warning_filters.hpp"

#include <doctest/doctest.h>

namespace paralint::rules {

namespace {

const ConfigTimeWarning kRsync{"DeprecationWarning",
                               "The --rsyncdir command line argument and rsyncdirs config variable are deprecated.\n"
                               "The rsync feature will be removed in pytest-xdist 4.0.",
                               "xdist.plugin"};

WarningOutcome outcome(const std::vector<std::string>& ini, const std::vector<std::string>& command_line = {}) {
  return config_time_warning_outcome(ini, command_line, kRsync);
}

}  // namespace

TEST_CASE("without filters a config-time warning is shown") { CHECK(outcome({}) == WarningOutcome::Shown); }

TEST_CASE("the last matching filter decides") {
  CHECK(outcome({"error"}) == WarningOutcome::Error);
  CHECK(outcome({"error", "ignore::DeprecationWarning"}) == WarningOutcome::Ignored);
  CHECK(outcome({"ignore::DeprecationWarning", "error"}) == WarningOutcome::Error);
  CHECK(outcome({"error", "ignore::UserWarning"}) == WarningOutcome::Error);
  CHECK(outcome({"e"}) == WarningOutcome::Error);  // warnings._getaction takes a prefix
  CHECK(outcome({"error::builtins.Warning"}) == WarningOutcome::Error);
  CHECK(outcome({"error::pytest.PytestDeprecationWarning"}) == WarningOutcome::Shown);
}

TEST_CASE("-W filters are applied after the ini ones and win") {
  CHECK(outcome({"error"}, {"ignore::DeprecationWarning"}) == WarningOutcome::Ignored);
  CHECK(outcome({"ignore"}, {"error"}) == WarningOutcome::Error);
}

TEST_CASE("messages: ini entries are case-insensitive regexes matched at the start, -W ones literal prefixes") {
  CHECK(outcome({"error", "ignore:the --rsyncdir"}) == WarningOutcome::Ignored);
  CHECK(outcome({"error", "ignore:.*rsyncdirs config"}) == WarningOutcome::Ignored);
  CHECK(outcome({"error", "ignore:.*rsync feature"}) == WarningOutcome::Error);  // "." stops at the line break
  CHECK(outcome({"error", "ignore:rsync"}) == WarningOutcome::Error);
  CHECK(outcome({"error"}, {"ignore:The --rsyncdir"}) == WarningOutcome::Ignored);
  CHECK(outcome({"error"}, {"ignore:.*rsync"}) == WarningOutcome::Error);
}

TEST_CASE("modules: ini regexes match at the start, -W modules exactly") {
  CHECK(outcome({"error", "ignore:::xdist"}) == WarningOutcome::Ignored);
  CHECK(outcome({"error"}, {"ignore:::xdist"}) == WarningOutcome::Error);
  CHECK(outcome({"error"}, {"ignore:::xdist.plugin"}) == WarningOutcome::Ignored);
}

TEST_CASE("entries paralint cannot evaluate make the outcome unknown") {
  CHECK(outcome({"error", "ignore:(?=The)"}) == WarningOutcome::Unknown);  // lookahead: not RE2
  CHECK(outcome({"error::DeprecationWarning::12"}) == WarningOutcome::Unknown);
  CHECK(outcome({"bogus"}) == WarningOutcome::Unknown);
  CHECK(outcome({"a:b:c:d:e:f"}) == WarningOutcome::Unknown);
}

}  // namespace paralint::rules
