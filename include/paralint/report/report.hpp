#pragma once
// Renders check results: `text` (ruff-style, with the source line and the span
// underlined), `concise` (one line each), `json`, and the formats CI systems read: `sarif`
// (GitHub code scanning), `github` (workflow-command annotations), `gitlab` (Code Quality)
// and `junit`; and the summary of counts and of what was assumed about pytest and its plugins.

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "paralint/rules/check.hpp"
#include "paralint/rules/diagnostic.hpp"

namespace paralint {

enum class OutputFormat { Text, Concise, Json, Sarif, Github, Gitlab, Junit };

// The names `--format` accepts, in the order `--help` lists them.
const std::vector<std::string>& output_format_names();
std::optional<OutputFormat> parse_output_format(std::string_view name);
// Formats another program reads: stdout carries only the report, the summary goes to stderr.
bool is_machine_format(OutputFormat format);

struct ReportOptions {
  OutputFormat format = OutputFormat::Text;
  bool color = false;
  std::filesystem::path base;  // file names are shown relative to it when inside it
  std::string tool_version;    // SARIF names the tool and its version
};

// A diagnostic's place in characters: 1-based, end one past the span (as SARIF counts).
struct DisplayRange {
  std::size_t line = 1;
  std::size_t column = 1;
  std::size_t end_line = 1;
  std::size_t end_column = 1;
};
DisplayRange display_range(const Location& location);

// Writes a report as the results of a run arrive, one checked path at a time, so that
// paralint's memory follows the largest path's results rather than the whole run's.
class ReportWriter {
 public:
  using Sink = std::function<void(std::string_view)>;

  ReportWriter() = default;
  virtual ~ReportWriter() = default;
  ReportWriter(const ReportWriter&) = delete;
  ReportWriter& operator=(const ReportWriter&) = delete;
  ReportWriter(ReportWriter&&) = delete;
  ReportWriter& operator=(ReportWriter&&) = delete;

  virtual void add(const CheckResult& result) = 0;
  // After the last result: closes the document.
  virtual void finish() = 0;
};

std::unique_ptr<ReportWriter> make_report_writer(const ReportOptions& options, ReportWriter::Sink sink);

// The whole report of `results` at once.
std::string render_report(const std::vector<CheckResult>& results, const ReportOptions& options);

// GitHub workflow commands (`::error file=…::message`), escaped as @actions/core escapes
// them (packages/core/src/command.ts): the message `%`, CR and LF; a property value also
// `:` and `,`, which would otherwise end it.
std::string escape_workflow_message(std::string_view text);
std::string escape_workflow_property(std::string_view text);

struct SummaryOptions {
  bool statistics = false;
  bool color = false;
};
// The counts of a run, gathered as its results arrive, and what was assumed for each path.
class Summary {
 public:
  void add(const CheckResult& result);
  [[nodiscard]] std::string render(const SummaryOptions& options) const;
  // Whether any diagnostic is at or above the --fail-on of its path.
  [[nodiscard]] bool failed() const { return failed_; }
  // `fixes` fixes were applied to `files` files: the counts above are what was left.
  void set_fixed(std::size_t fixes, std::size_t files) {
    fixed_ = fixes;
    fixed_files_ = files;
  }

 private:
  struct CodeCount {
    std::size_t count = 0;
    Severity severity = Severity::Warning;
    std::string name;
  };
  std::map<Severity, std::size_t> by_severity_;
  std::map<std::string, CodeCount> by_code_;
  std::size_t fixable_ = 0;
  std::size_t fixed_ = 0;
  std::size_t fixed_files_ = 0;
  std::size_t paths_ = 0;
  bool failed_ = false;
  // Each distinct set of assumptions, with the first path it was made for, in order.
  std::vector<std::pair<std::filesystem::path, std::vector<std::string>>> assumed_;
  std::set<std::vector<std::string>> assumption_sets_;
};

}  // namespace paralint
