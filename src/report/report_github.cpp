// `--format github`: one workflow command per diagnostic, which GitHub Actions shows as an
// annotation on the file and line (and in the job log as the message).

#include <fmt/format.h>

#include "paralint/report/report.hpp"
#include "paralint/util/display_path.hpp"
#include "paralint/util/terminal_text.hpp"
#include "report/report_writers.hpp"

namespace paralint {

namespace {

std::string_view command_for(Severity severity) {
  switch (severity) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Info:
      return "notice";
  }
  return "warning";
}

std::string escaped(std::string_view text, bool property) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      case ':':
        out += property ? "%3A" : ":";
        break;
      case ',':
        out += property ? "%2C" : ",";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace

std::string escape_workflow_message(std::string_view text) { return escaped(text, false); }
std::string escape_workflow_property(std::string_view text) { return escaped(text, true); }

namespace {

class GithubWriter final : public EntryPerDiagnostic {
 public:
  using EntryPerDiagnostic::EntryPerDiagnostic;

 private:
  [[nodiscard]] std::string entry(const Diagnostic& diagnostic) const override {
    const auto file = display_path(diagnostic.location.file, options().base);
    std::string properties =
        "title=" + escape_workflow_property(fmt::format("paralint {} {}", diagnostic.code, diagnostic.name)) +
        ",file=" + escape_workflow_property(file);
    // The job log shows only the message, so it says where, as the concise format does. The
    // log is a terminal too: control characters (a path's, a value's ESC) are shown, not obeyed;
    // the file property keeps the exact path, which GitHub unescapes to find the file.
    std::string message = printable(file);
    if (diagnostic.location.source) {
      const auto range = display_range(diagnostic.location);
      properties += fmt::format(",line={},col={},endLine={},endColumn={}", range.line, range.column, range.end_line,
                                range.end_column);
      message += fmt::format(":{}:{}", range.line, range.column);
    }
    message += fmt::format(": {} {}", diagnostic.code, printable(diagnostic.message));
    if (diagnostic.help) message += "\nhelp: " + printable_lines(*diagnostic.help);
    return fmt::format("::{} {}::{}\n", command_for(diagnostic.severity), properties, escape_workflow_message(message));
  }
};

}  // namespace

std::unique_ptr<ReportWriter> make_github_writer(const ReportOptions& options, ReportWriter::Sink sink) {
  return std::make_unique<GithubWriter>(options, std::move(sink));
}

}  // namespace paralint
