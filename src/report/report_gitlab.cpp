// `--format gitlab`: a GitLab Code Quality report (the JSON array a job names under
// `artifacts:reports:codequality`), which the merge request widget compares with the target
// branch's by fingerprint.

#include <nlohmann/json.hpp>

#include "paralint/report/fingerprint.hpp"
#include "paralint/report/report.hpp"
#include "paralint/util/display_path.hpp"
#include "report/report_writers.hpp"

namespace paralint {

namespace {

// GitLab grades info < minor < major < critical < blocker. An error means pytest will not
// run the tests as the config is written, which is critical; blocker is left for what GitLab
// users reserve for it (security, data loss).
std::string_view gitlab_severity(Severity severity) {
  switch (severity) {
    case Severity::Error:
      return "critical";
    case Severity::Warning:
      return "major";
    case Severity::Info:
      return "info";
  }
  return "major";
}

class GitlabWriter final : public ElementPerDiagnostic {
 public:
  GitlabWriter(const ReportOptions& options, Sink sink)
      : ElementPerDiagnostic(options, std::move(sink)), fingerprinter_(options.base) {}

 private:
  [[nodiscard]] nlohmann::ordered_json element(const Diagnostic& diagnostic) override {
    const auto range = display_range(diagnostic.location);
    std::string description = diagnostic.code + " " + diagnostic.message;
    if (diagnostic.help) description += " — help: " + *diagnostic.help;
    return {{"type", "issue"},
            {"check_name", diagnostic.code},
            {"description", description},
            {"categories", {"Bug Risk"}},
            {"severity", gitlab_severity(diagnostic.severity)},
            {"fingerprint", fingerprinter_.next(diagnostic)},
            {"location",
             {{"path", display_path(diagnostic.location.file, options().base)},
              {"lines", {{"begin", range.line}, {"end", range.end_line}}}}}};
  }

  Fingerprinter fingerprinter_;
};

}  // namespace

std::unique_ptr<ReportWriter> make_gitlab_writer(const ReportOptions& options, ReportWriter::Sink sink) {
  return std::make_unique<GitlabWriter>(options, std::move(sink));
}

}  // namespace paralint
