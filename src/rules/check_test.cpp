#include "paralint/rules/check.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "support/temp_dir.hpp"

using paralint::CheckResult;
using paralint::Diagnostic;
using paralint::FileOwnership;
using paralint::testing::TempDir;

namespace fs = std::filesystem;
using Names = std::vector<std::string>;

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

namespace {

Diagnostic at(const fs::path& file, std::string code) {
  Diagnostic diagnostic;
  diagnostic.code = std::move(code);
  diagnostic.location.file = file;
  return diagnostic;
}

std::vector<std::string> codes(const CheckResult& result) {
  std::vector<std::string> out;
  for (const auto& diagnostic : result.diagnostics) out.push_back(diagnostic.code);
  return out;
}

}  // namespace

TEST_CASE("check: each file is reported by one reading") {
  TempDir dir;
  const auto& root = dir.path();
  const std::vector<fs::path> shown{root, root / "pkg", root / "pkg" / "custom.ini", root / "other"};
  std::vector<CheckResult> results(4);
  // Reading of the root: its own file, and a file above the PATHs.
  results[0].diagnostics = {at(root / "pytest.ini", "R1"), at(root.parent_path() / "tox.ini", "UP")};
  // pkg/ (no pytest config there: pytest walked up to the root's pytest.ini).
  results[1].diagnostics = {at(root / "pytest.ini", "R2"), at(root / "pkg" / "setup.cfg", "P1"),
                            at(root / "pkg" / "custom.ini", "C2"), at(root / "pkg", "D007"),
                            at(root.parent_path() / "tox.ini", "UP")};
  // pkg/custom.ini named on the command line: `-c FILE`.
  results[2].diagnostics = {at(root / "pkg" / "custom.ini", "C1"), at(root / "pkg" / "setup.cfg", "P2")};
  results[3].diagnostics = {at("PYTEST_ADDOPTS", "E3"), at(root / "other" / "deep" / "conftest.py", "S3")};
  FileOwnership ownership(shown);
  for (std::size_t index = 0; index < results.size(); ++index) ownership.keep_own(index, results[index]);
  CHECK(codes(results[0]) == Names{"R1", "UP"});
  CHECK(codes(results[1]) == Names{"P1", "D007"});
  CHECK(codes(results[2]) == Names{"C1"});
  CHECK(codes(results[3]) == Names{"E3", "S3"});
}
