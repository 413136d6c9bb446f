// `--format gitlab`: a GitLab Code Quality report (the JSON array a job names under
// `artifacts:reports:codequality`), which the merge request widget compares with the target
// branch's by fingerprint.

#include <nlohmann/json.hpp>

#include "paralint/report/fingerprint.hpp"
#include "paralint/report/report.hpp"
#include "paralint/util/display_path.hpp"

namespace paralint {

namespace {

// GitLab grades info < minor < major < critical < blocker. An error means pytest will not
// run the tests as the config is written, which is critical; blocker is left for what GitLab
// users reserve for it (security, data loss).
std::string_view gitlab_severity(Severity severity) {
  switch (severity) {
    case Severity::Error: return "critical";
    case Severity::Warning: return "major";
    case Severity::Info: return "info";
  }
  return "major";
}

}  // namespace

std::string render_gitlab(const std::vector<CheckResult>& results, const ReportOptions& options) {
  const auto fingerprints = diagnostic_fingerprints(results, options.base);
  auto issues = nlohmann::ordered_json::array();
  std::size_t index = 0;
  for (const auto& result : results) {
    for (const auto& diagnostic : result.diagnostics) {
      const auto range = display_range(diagnostic.location);
      std::string description = diagnostic.code + " " + diagnostic.message;
      if (diagnostic.help) description += " — help: " + *diagnostic.help;
      issues.push_back({{"type", "issue"},
                        {"check_name", diagnostic.code},
                        {"description", description},
                        {"categories", {"Bug Risk"}},
                        {"severity", gitlab_severity(diagnostic.severity)},
                        {"fingerprint", fingerprints[index++]},
                        {"location",
                         {{"path", display_path(diagnostic.location.file, options.base)},
                          {"lines", {{"begin", range.line}, {"end", range.end_line}}}}}});
    }
  }
  return issues.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace paralint
