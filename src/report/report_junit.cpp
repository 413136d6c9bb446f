// `--format junit`: JUnit XML as GitLab (`artifacts:reports:junit`) and Jenkins read it. One
// <testsuite> per file, one <testcase> per diagnostic, named by its rule so that a test's
// history follows the rule rather than the line. A diagnostic at or above --fail-on is a
// <failure>, so the report fails exactly when the exit status does; one below it passes and
// carries its text in <system-out>. A checked path with no diagnostic gets a passing
// testcase, so the report shows what was checked.

#include <fmt/format.h>

#include <map>

#include "paralint/report/report.hpp"
#include "paralint/report/xml_text.hpp"
#include "paralint/util/display_path.hpp"

namespace paralint {

namespace {

struct Suite {
  std::string name;
  std::vector<std::string> cases;
  std::size_t failures = 0;
};

std::string concise_line(const Diagnostic& diagnostic, const std::string& file) {
  std::string line = file;
  if (diagnostic.location.source) {
    const auto range = display_range(diagnostic.location);
    line += fmt::format(":{}:{}", range.line, range.column);
  }
  line += fmt::format(": {} [{}] {}", diagnostic.code, severity_name(diagnostic.severity), diagnostic.message);
  if (diagnostic.help) line += "\nhelp: " + *diagnostic.help;
  if (diagnostic.fix) line += "\nfix: " + diagnostic.fix->message;
  return line;
}

std::string testcase(const Diagnostic& diagnostic, const std::string& file, bool failure) {
  const auto range = display_range(diagnostic.location);
  std::string out = fmt::format(R"(    <testcase name="{}" classname="{}" file="{}" line="{}">)",
                                xml_attribute(diagnostic.code + " " + diagnostic.name), xml_attribute(file),
                                xml_attribute(file), range.line);
  out += "\n";
  const auto text = xml_text(concise_line(diagnostic, file));
  if (failure) {
    out += fmt::format(R"(      <failure type="{}" message="{}">{}</failure>)", severity_name(diagnostic.severity),
                       xml_attribute(diagnostic.message), text);
  } else {
    out += fmt::format("      <system-out>{}</system-out>", text);
  }
  return out + "\n    </testcase>\n";
}

}  // namespace

std::string render_junit(const std::vector<CheckResult>& results, const ReportOptions& options) {
  std::vector<Suite> suites;
  std::map<std::string, std::size_t> suite_of_file;
  for (const auto& result : results) {
    if (result.diagnostics.empty()) {
      const auto path = display_path(result.path, options.base);
      suites.push_back({path, {fmt::format("    <testcase name=\"paralint check\" classname=\"{}\"/>\n", xml_attribute(path))}, 0});
      continue;
    }
    for (const auto& diagnostic : result.diagnostics) {
      const auto file = display_path(diagnostic.location.file, options.base);
      const auto [entry, added] = suite_of_file.try_emplace(file, suites.size());
      if (added) suites.push_back({file, {}, 0});
      auto& suite = suites[entry->second];
      const bool failure = diagnostic.severity >= result.fail_on;  // JUnit fails what fails the run
      suite.failures += failure ? 1 : 0;
      suite.cases.push_back(testcase(diagnostic, file, failure));
    }
  }
  std::size_t tests = 0;
  std::size_t failures = 0;
  std::string body;
  for (const auto& suite : suites) {
    tests += suite.cases.size();
    failures += suite.failures;
    body += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\">\n", xml_attribute(suite.name),
                        suite.cases.size(), suite.failures);
    for (const auto& entry : suite.cases) body += entry;
    body += "  </testsuite>\n";
  }
  return fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                     "<testsuites name=\"paralint\" tests=\"{}\" failures=\"{}\" errors=\"0\">\n{}</testsuites>\n",
                     tests, failures, body);
}

}  // namespace paralint
