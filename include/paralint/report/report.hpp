#pragma once
// Renders check results: `text` (ruff-style, with the source line and the span
// underlined), `concise` (one line each), `json`, and the formats CI systems read: `sarif`
// (GitHub code scanning), `github` (workflow-command annotations), `gitlab` (Code Quality)
// and `junit`; and the summary of counts and of what was assumed about pytest and its plugins.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
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

std::string render_report(const std::vector<CheckResult>& results, const ReportOptions& options);

std::string render_diagnostics(const std::vector<CheckResult>& results, const ReportOptions& options);
std::string render_json(const std::vector<CheckResult>& results, const ReportOptions& options);
std::string render_sarif(const std::vector<CheckResult>& results, const ReportOptions& options);
std::string render_github(const std::vector<CheckResult>& results, const ReportOptions& options);
std::string render_gitlab(const std::vector<CheckResult>& results, const ReportOptions& options);
std::string render_junit(const std::vector<CheckResult>& results, const ReportOptions& options);

// GitHub workflow commands (`::error file=…::message`), escaped as @actions/core escapes
// them (packages/core/src/command.ts): the message `%`, CR and LF; a property value also
// `:` and `,`, which would otherwise end it.
std::string escape_workflow_message(std::string_view text);
std::string escape_workflow_property(std::string_view text);

struct SummaryOptions {
  bool statistics = false;
  bool color = false;
};
std::string render_summary(const std::vector<CheckResult>& results, const SummaryOptions& options);

}  // namespace paralint
