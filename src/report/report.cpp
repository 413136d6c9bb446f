#include "paralint/report/report.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "report/report_writers.hpp"

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
  const auto* found =
      std::find_if(kFormats.begin(), kFormats.end(), [&](const auto& entry) { return entry.first == name; });
  if (found == kFormats.end()) return std::nullopt;
  return found->second;
}

bool is_machine_format(OutputFormat format) { return format != OutputFormat::Text && format != OutputFormat::Concise; }

std::unique_ptr<ReportWriter> make_report_writer(const ReportOptions& options, ReportWriter::Sink sink) {
  switch (options.format) {
    case OutputFormat::Text:
    case OutputFormat::Concise:
      break;
    case OutputFormat::Json:
      return make_json_writer(options, std::move(sink));
    case OutputFormat::Sarif:
      return make_sarif_writer(options, std::move(sink));
    case OutputFormat::Github:
      return make_github_writer(options, std::move(sink));
    case OutputFormat::Gitlab:
      return make_gitlab_writer(options, std::move(sink));
    case OutputFormat::Junit:
      return make_junit_writer(options, std::move(sink));
  }
  return make_text_writer(options, std::move(sink));
}

std::string render_report(const std::vector<CheckResult>& results, const ReportOptions& options) {
  std::string out;
  const auto writer = make_report_writer(options, [&out](std::string_view text) { out += text; });
  for (const auto& result : results) writer->add(result);
  writer->finish();
  return out;
}

void EntryPerDiagnostic::add(const CheckResult& result) {
  std::string out;
  for (const auto& diagnostic : result.diagnostics) out += entry(diagnostic);
  sink_(out);
}

void ElementPerDiagnostic::add(const CheckResult& result) {
  for (const auto& diagnostic : result.diagnostics) array_.add(element(diagnostic));
}

void ElementPerDiagnostic::finish() {
  array_.close();
  sink_("\n");
}

void JsonArrayStream::add(const nlohmann::ordered_json& element) {
  // The element's strings hold no raw line breaks (JSON escapes them), so every line break
  // is one of the layout's, and indenting after each keeps the nesting.
  const std::string margin(indent_, ' ');
  std::string out = empty_ ? "[\n" : ",\n";
  out += margin;
  for (const char c : dump_json(element)) {
    out += c;
    if (c == '\n') out += margin;
  }
  empty_ = false;
  sink_(out);
}

void JsonArrayStream::close() { sink_(empty_ ? "[]" : "\n" + std::string(indent_ - 2, ' ') + "]"); }

std::string dump_json(const nlohmann::ordered_json& json) {
  return json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace paralint
