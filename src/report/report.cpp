#include <algorithm>
#include <array>
#include <utility>

#include "paralint/report/report.hpp"

namespace paralint {

namespace {

constexpr std::array<std::pair<std::string_view, OutputFormat>, 7> kFormats{{
    {"text", OutputFormat::Text},
    {"concise", OutputFormat::Concise},
    {"json", OutputFormat::Json},
    {"sarif", OutputFormat::Sarif},
    {"github", OutputFormat::Github},
    {"gitlab", OutputFormat::Gitlab},
    {"junit", OutputFormat::Junit},
}};

}  // namespace

const std::vector<std::string>& output_format_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    out.reserve(kFormats.size());
    for (const auto& [name, format] : kFormats) out.emplace_back(name);
    return out;
  }();
  return names;
}

std::optional<OutputFormat> parse_output_format(std::string_view name) {
  const auto* found = std::find_if(kFormats.begin(), kFormats.end(), [&](const auto& entry) { return entry.first == name; });
  if (found == kFormats.end()) return std::nullopt;
  return found->second;
}

bool is_machine_format(OutputFormat format) { return format != OutputFormat::Text && format != OutputFormat::Concise; }

std::string render_report(const std::vector<CheckResult>& results, const ReportOptions& options) {
  switch (options.format) {
    case OutputFormat::Text:
    case OutputFormat::Concise: return render_diagnostics(results, options);
    case OutputFormat::Json: return render_json(results, options);
    case OutputFormat::Sarif: return render_sarif(results, options);
    case OutputFormat::Github: return render_github(results, options);
    case OutputFormat::Gitlab: return render_gitlab(results, options);
    case OutputFormat::Junit: return render_junit(results, options);
  }
  return render_diagnostics(results, options);
}

}  // namespace paralint
