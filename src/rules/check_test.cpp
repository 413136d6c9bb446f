#include "paralint/rules/check.hpp"

#include <doctest/doctest.h>

TEST_CASE("check: the most specific --select/--ignore entry decides") {
  paralint::RuleSelection all;
  CHECK(all.selected("A001"));
  paralint::RuleSelection selection{{"A"}, {"A00"}};
  CHECK_FALSE(selection.selected("A001"));
  CHECK(selection.selected("A011"));
  CHECK_FALSE(selection.selected("X001"));
  paralint::RuleSelection narrow{{"A001"}, {"A"}};
  CHECK(narrow.selected("A001"));
  CHECK_FALSE(narrow.selected("A002"));
  paralint::RuleSelection tie{{"A001"}, {"A001"}};
  CHECK_FALSE(tie.selected("A001"));
  paralint::RuleSelection every{{"ALL"}, {"G"}};
  CHECK(every.selected("X001"));
  CHECK_FALSE(every.selected("G001"));
}
