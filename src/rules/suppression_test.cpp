#include "paralint/rules/suppression.hpp"

#include <doctest/doctest.h>

#include <utility>

using paralint::ConfigDocument;
using paralint::Diagnostic;
using paralint::SourceText;
using paralint::Suppression;
using paralint::SuppressionScope;

namespace {

ConfigDocument document(std::string name, std::string text) {
  ConfigDocument out;
  out.source = std::make_shared<const SourceText>(std::move(name), std::move(text));
  if (out.file_name().ends_with(".toml")) {
    out.toml = &paralint::read_toml_once(*out.source);
  } else {
    out.ini = paralint::read_ini(*out.source, {true, false});
  }
  return out;
}

std::vector<Suppression> found(const std::string& name, const std::string& text) {
  return paralint::find_suppressions(document(name, text));
}

std::pair<std::size_t, std::size_t> lines(const Suppression& suppression) {
  return {suppression.first_line, suppression.last_line};
}

std::vector<std::string> codes(const Suppression& suppression) {
  std::vector<std::string> out;
  for (const auto& listed : suppression.codes) out.push_back(listed.code);
  return out;
}

Diagnostic at_line(const ConfigDocument& doc, std::string code, std::size_t line) {
  Diagnostic diagnostic;
  diagnostic.code = std::move(code);
  diagnostic.location = paralint::Location::in(doc.source, doc.source->line_span(line));
  return diagnostic;
}

}  // namespace

TEST_CASE("suppression: TOML, at the end of an entry's first line or on its own line above") {
  const auto all = found("pyproject.toml",
                         "[tool.pytest.ini_options]\n"
                         "addopts = [  # paralint: ignore[A002, A003]\n"
                         "  \"-x\",\n"
                         "]\n"
                         "# paralint: ignore[K001]\n"
                         "# why: a plugin of our own registers it\n"
                         "custom_key = \"1\"\n");
  REQUIRE(all.size() == 2);
  CHECK(codes(all[0]) == std::vector<std::string>{"A002", "A003"});
  CHECK_FALSE(all[0].own_line);
  CHECK(all[0].honoured);
  CHECK(lines(all[0]) == std::pair<std::size_t, std::size_t>{2, 4});  // the whole array
  CHECK(all[1].own_line);
  CHECK(lines(all[1]) == std::pair<std::size_t, std::size_t>{7, 7});  // other comment lines are skipped
  CHECK(all[0].problem.empty());
  CHECK(all[0].codes[0].known);
}

TEST_CASE("suppression: TOML strings are not comments") {
  const auto all = found("pytest.toml",
                         "[pytest]\n"
                         "addopts = [\"# paralint: ignore[A001]\", '# paralint: ignore[A001]']\n"
                         "markers = \"\"\"\n"
                         "# paralint: ignore[M001]\n"
                         "\"\"\"  # paralint: ignore[M002]\n"
                         "[\"tool\".\"a#b\"]  # paralint: ignore[D005]\n");
  REQUIRE(all.size() == 2);
  CHECK(codes(all[0]) == std::vector<std::string>{"M002"});
  CHECK(lines(all[0]) == std::pair<std::size_t, std::size_t>{5, 5});  // not where the entry starts
  CHECK(codes(all[1]) == std::vector<std::string>{"D005"});
  CHECK(lines(all[1]) == std::pair<std::size_t, std::size_t>{6, 6});  // a table header: its line
}

TEST_CASE("suppression: inside a multi-line TOML array, one element line") {
  const auto all = found("pyproject.toml",
                         "[tool.pytest.ini_options]\n"
                         "markers = [\n"
                         "  # paralint: ignore[M004]\n"
                         "  \"serial: not in parallel\",\n"
                         "  \"slow: slow\",\n"
                         "]\n");
  REQUIRE(all.size() == 1);
  CHECK(lines(all[0]) == std::pair<std::size_t, std::size_t>{4, 4});
}

TEST_CASE("suppression: INI only on its own line; the entry runs through its continuations") {
  const auto all = found("tox.ini",
                         "[pytest]\n"
                         "; paralint: ignore[A001]\n"
                         "addopts =\n"
                         "    -q\n"
                         "    # paralint: ignore[A002]\n"
                         "    --bogus\n"
                         "xfail_strict = true  # paralint: ignore[K003]\n"
                         "[testenv]  # paralint: ignore[D005]\n");
  REQUIRE(all.size() == 4);
  CHECK(all[0].honoured);
  CHECK(lines(all[0]) == std::pair<std::size_t, std::size_t>{3, 6});
  CHECK(lines(all[1]) == std::pair<std::size_t, std::size_t>{6, 6});  // a continuation line: that line
  CHECK_FALSE(all[2].honoured);
  CHECK_FALSE(all[2].own_line);
  CHECK_FALSE(all[3].honoured);
}

TEST_CASE("suppression: file-wide forms and what paralint cannot read") {
  const auto all = found("pytest.ini",
                         "# paralint: ignore-file[D005, D005]\n"
                         "# paralint: ignore-file\n"
                         "# paralint: ignroe[A001]\n"
                         "# paralint: ignore\n"
                         "# paralint: ignore[A001\n"
                         "# paralint: ignore[ , ]\n"
                         "# paralint: ignore[A01, a001]  because\n"
                         "# paralint is great, not a directive\n"
                         "[pytest]\n");
  REQUIRE(all.size() == 7);
  CHECK(all[0].scope == SuppressionScope::File);
  CHECK(codes(all[0]) == std::vector<std::string>{"D005", "D005"});
  CHECK(all[0].codes[1].duplicate);
  CHECK(all[1].scope == SuppressionScope::File);
  CHECK(all[1].codes.empty());
  CHECK(all[1].active());
  CHECK(all[2].problem.find("`ignroe` is not a directive") == 0);
  CHECK(all[3].problem.find("`ignore` needs the codes") == 0);
  CHECK(all[4].problem == "its `[` is never closed");
  CHECK(all[5].problem == "its list names no rule");
  CHECK(all[6].problem.empty());
  CHECK_FALSE(all[6].codes[0].known);
  CHECK_FALSE(all[6].codes[1].known);
}

TEST_CASE("suppression: applying drops what is covered and marks it used") {
  const auto doc = document("pytest.ini",
                            "# paralint: ignore-file[D005]\n"
                            "[pytest]\n"
                            "# paralint: ignore[A001, K001]\n"
                            "addopts = -q\n"
                            "    -x\n"
                            "xfail_strict = true\n"
                            "[other]\n");
  auto suppressions = paralint::find_suppressions(doc);
  std::vector<Diagnostic> diagnostics = {at_line(doc, "A001", 5), at_line(doc, "A001", 6), at_line(doc, "D005", 7),
                                         at_line(doc, "A002", 4)};
  paralint::apply_suppressions(suppressions, diagnostics);
  REQUIRE(diagnostics.size() == 2);
  CHECK(diagnostics[0].code == "A001");  // line 6 is another entry
  CHECK(diagnostics[1].code == "A002");  // not listed
  CHECK(suppressions[0].codes[0].used);
  CHECK(suppressions[1].codes[0].used);
  CHECK_FALSE(suppressions[1].codes[1].used);
}

TEST_CASE("suppression: a same-line one in INI silences nothing") {
  const auto doc = document("pytest.ini", "[pytest]\naddopts = -q  # paralint: ignore[A001]\n");
  auto suppressions = paralint::find_suppressions(doc);
  std::vector<Diagnostic> diagnostics = {at_line(doc, "A001", 2)};
  paralint::apply_suppressions(suppressions, diagnostics);
  CHECK(diagnostics.size() == 1);
}
