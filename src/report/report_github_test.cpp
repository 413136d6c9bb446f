#include <doctest/doctest.h>

#include <memory>

#include "paralint/report/report.hpp"

using namespace paralint;

// The expected strings are what @actions/core (packages/core/src/command.ts, escapeData and
// escapeProperty) produces for the same input.

TEST_CASE("escape_workflow_message: %, CR and LF, and nothing else") {
  CHECK(escape_workflow_message("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext: a, b");
  CHECK(escape_workflow_message("%0A stays literal") == "%250A stays literal");
  CHECK(escape_workflow_message("::error::") == "::error::");
}

TEST_CASE("escape_workflow_property: also : and , which end a property") {
  CHECK(escape_workflow_property("a%b:c,d\ne\rf") == "a%25b%3Ac%2Cd%0Ae%0Df");
  CHECK(escape_workflow_property("dir/pytest.ini") == "dir/pytest.ini");
  CHECK(escape_workflow_property("%3A") == "%253A");
}

TEST_CASE("render_github: severity picks the command; the position is there only with source text") {
  const auto source = std::make_shared<const SourceText>("/p/pytest.ini", "[pytest]\naddopts = -x\n");
  Diagnostic with_source;
  with_source.code = "A009";
  with_source.name = "some-rule";
  with_source.severity = Severity::Info;
  with_source.message = "50%: a, b";
  with_source.location = Location::in(source, {9, 16});
  Diagnostic without_source = with_source;
  without_source.severity = Severity::Error;
  without_source.location = Location{"/p/setup.cfg", nullptr, {}};
  without_source.help = "line one\nline two";
  CheckResult result;
  result.diagnostics = {with_source, without_source};
  ReportOptions options;
  options.base = "/p";
  options.format = OutputFormat::Github;
  CHECK(render_report({result}, options) ==
        "::notice title=paralint A009 some-rule,file=pytest.ini,line=2,col=1,endLine=2,endColumn=8::"
        "pytest.ini:2:1: A009 50%25: a, b\n"
        "::error title=paralint A009 some-rule,file=setup.cfg::setup.cfg: A009 50%25: a, b%0Ahelp: line one%0Aline "
        "two\n");
}
