#pragma once
// Renders check results: `text` (ruff-style, with the source line and the span
// underlined), `concise` (one line each) and `json`; and the summary of counts and of what
// was assumed about pytest and its plugins.

#include <filesystem>
#include <string>
#include <vector>

#include "paralint/check.hpp"
#include "paralint/diagnostic.hpp"

namespace paralint {

enum class OutputFormat { Text, Concise, Json };

struct ReportOptions {
  OutputFormat format = OutputFormat::Text;
  bool color = false;
  std::filesystem::path base;  // file names are shown relative to it when inside it
};

// A diagnostic's place in characters: 1-based, end one past the span (as SARIF counts).
struct DisplayRange {
  std::size_t line = 1;
  std::size_t column = 1;
  std::size_t end_line = 1;
  std::size_t end_column = 1;
};
DisplayRange display_range(const Location& location);

std::string render_diagnostics(const std::vector<CheckResult>& results, const ReportOptions& options);
std::string render_json(const std::vector<CheckResult>& results, const ReportOptions& options);

struct SummaryOptions {
  bool statistics = false;
  bool color = false;
};
std::string render_summary(const std::vector<CheckResult>& results, const SummaryOptions& options);

}  // namespace paralint
