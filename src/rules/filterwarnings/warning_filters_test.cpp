#include "rules/filterwarnings/warning_filters.hpp"

#include <doctest/doctest.h>

using namespace paralint;
using namespace paralint::rules;

TEST_CASE("warning filters: fields are split on every ':' and stripped, as pytest does") {
  const auto filter = parse_filter(FilterOrigin::Config, "ignore: Call. use foo :DeprecationWarning");
  CHECK(filter.field_count == 3);
  CHECK(filter.fields[kAction] == "ignore");
  CHECK(filter.fields[kMessage] == "Call. use foo");
  CHECK(filter.fields[kCategory] == "DeprecationWarning");
  CHECK(filter.field_offsets[kMessage] == 8);
  CHECK(parse_filter(FilterOrigin::Config, "ignore:a:b:c:d:e").too_many_fields());
}

TEST_CASE("warning filters: actions resolve like warnings._getaction") {
  CHECK(resolve_action("") == "default");
  CHECK(resolve_action("all") == "always");
  CHECK(resolve_action("i") == "ignore");
  CHECK(resolve_action("e") == "error");
  CHECK(resolve_action("mod") == "module");
  CHECK_FALSE(resolve_action("Error"));
  CHECK_FALSE(resolve_action("ignored"));
}

TEST_CASE("warning filters: line numbers are read like int()") {
  bool unknown = false;
  CHECK_FALSE(lineno_error("12", unknown));
  CHECK_FALSE(lineno_error("+1_000", unknown));
  CHECK_FALSE(lineno_error("-0", unknown));
  CHECK(lineno_error("-1", unknown) == "number is negative");
  CHECK(lineno_error("x", unknown) == "invalid literal for int() with base 10: 'x'");
  CHECK(lineno_error("1__0", unknown));
  CHECK_FALSE(lineno_error("\xd9\xa1", unknown));  // Arabic-Indic one: int() accepts it
  CHECK(unknown);
}

TEST_CASE("warning filters: categories known without an interpreter") {
  const Version v721{7, 2, 1};
  CHECK(resolve_category_statically("DeprecationWarning", v721).kind == StaticCategory::Kind::Resolves);
  CHECK(resolve_category_statically("builtins.UserWarning", v721).kind == StaticCategory::Kind::Resolves);
  CHECK(resolve_category_statically("DeprecationWarnings", v721).kind == StaticCategory::Kind::Fails);
  CHECK(resolve_category_statically("pytest.PytestRemovedIn8Warning", v721).kind == StaticCategory::Kind::Resolves);
  CHECK(resolve_category_statically("pytest.PytestRemovedIn8Warning", Version{8, 1, 0}).kind ==
        StaticCategory::Kind::Fails);
  CHECK(resolve_category_statically("pytest.PytestReturnNotNoneWarning", Version{8, 4, 0}).kind ==
        StaticCategory::Kind::Fails);
  CHECK(resolve_category_statically("pytest.PytestReturnNotNoneWarning", Version{8, 4, 1}).kind ==
        StaticCategory::Kind::Resolves);
  CHECK(resolve_category_statically("_pytest.warning_types.PytestConfigWarning", v721).kind ==
        StaticCategory::Kind::Resolves);
  CHECK(resolve_category_statically("sqlalchemy.exc.SAWarning", v721).kind == StaticCategory::Kind::Unknown);
}

TEST_CASE("warning filters: the filter applied last decides, -W values after the entries") {
  const Version v721{7, 2, 1};
  StartupWarning warning;
  warning.categories = {"pytest.PytestConfigWarning", "pytest.PytestWarning", "UserWarning", "Warning"};
  warning.message = "Unknown config option: foo\n";
  warning.module = "_pytest.config";
  FilterList filters;
  filters.config = {parse_filter(FilterOrigin::Config, "error")};
  CHECK(decide(filters, warning, v721).action == "error");
  filters.config.push_back(parse_filter(FilterOrigin::Config, "ignore:unknown CONFIG:UserWarning"));
  CHECK(decide(filters, warning, v721).action == "ignore");
  filters.config.push_back(parse_filter(FilterOrigin::Config, "error::DeprecationWarning"));
  CHECK(decide(filters, warning, v721).action == "ignore");
  filters.command_line = {parse_filter(FilterOrigin::CommandLine, "error::pytest.PytestWarning")};
  CHECK(decide(filters, warning, v721).action == "error");
  filters.command_line = {
      parse_filter(FilterOrigin::CommandLine, "error::Warning:_pytest.conf")};  // -W modules match whole names
  CHECK(decide(filters, warning, v721).action == "ignore");
  filters.config = {parse_filter(FilterOrigin::Config, "error"),
                    parse_filter(FilterOrigin::Config, "ignore:(?i)x:UserWarning")};
  filters.command_line.clear();
  const auto decision = decide(filters, warning, v721);
  CHECK(decision.action == "error");
  CHECK_FALSE(decision.certain);  // the ignore's pattern is not one paralint evaluates
  CHECK(is_catch_all(parse_filter(FilterOrigin::Config, "error::Warning")));
  CHECK(is_catch_all(parse_filter(FilterOrigin::Config, "e")));
  CHECK_FALSE(is_catch_all(parse_filter(FilterOrigin::Config, "error::UserWarning")));
}
