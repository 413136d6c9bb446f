#include "paralint/schema/coverage_schema.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using Knows = paralint::CoverageSchema::Knows;

TEST_CASE("coverage_schema: the embedded option lists, by release") {
  const auto& schema = paralint::CoverageSchema::embedded();
  CHECK(schema.releases().front().str() == "6.5.0");
  CHECK(schema.knows("run", "branch") == Knows::EveryRelease);
  CHECK(schema.knows("run", "brnch") == Knows::NoRelease);
  CHECK(schema.knows("report", "exclude_also") == Knows::SomeReleases);  // 7.2.7 on
  CHECK(schema.knows("html", "branch") == Knows::NoRelease);
  const auto sections = schema.sections();
  for (const auto* section : {"run", "report", "html", "xml", "json", "lcov"}) {
    CHECK(std::find(sections.begin(), sections.end(), section) != sections.end());
  }
}
