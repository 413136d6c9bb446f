#include <nlohmann/json.hpp>

#include "paralint/report/report.hpp"
#include "paralint/util/display_path.hpp"
#include "report/report_writers.hpp"

namespace paralint {

namespace {

nlohmann::ordered_json point(const SourceText& source, std::size_t offset) {
  const auto position = source.position(offset);
  return {{"line", position.line}, {"column", position.column}, {"offset", offset}};
}

class JsonReportWriter final : public ElementPerDiagnostic {
 public:
  using ElementPerDiagnostic::ElementPerDiagnostic;

 private:
  [[nodiscard]] nlohmann::ordered_json element(const Diagnostic& diagnostic) override {
    const auto range = display_range(diagnostic.location);
    nlohmann::ordered_json fix = nullptr;
    if (diagnostic.fix) {
      auto edits = nlohmann::ordered_json::array();
      for (const auto& edit : diagnostic.fix->edits) {
        edits.push_back({{"file", display_path(edit.source->path(), options().base)},
                         {"start", point(*edit.source, edit.span.begin)},
                         {"end", point(*edit.source, edit.span.end)},
                         {"content", edit.replacement}});
      }
      fix = {{"applicability", diagnostic.fix->applicability == Applicability::Safe ? "safe" : "unsafe"},
             {"message", diagnostic.fix->message},
             {"edits", edits}};
    }
    return {{"code", diagnostic.code},
            {"name", diagnostic.name},
            {"severity", severity_name(diagnostic.severity)},
            {"message", diagnostic.message},
            {"help", diagnostic.help ? nlohmann::ordered_json(*diagnostic.help) : nlohmann::ordered_json(nullptr)},
            {"file", display_path(diagnostic.location.file, options().base)},
            {"line", range.line},
            {"column", range.column},
            {"end_line", range.end_line},
            {"end_column", range.end_column},
            {"fix", fix}};
  }
};

}  // namespace

std::unique_ptr<ReportWriter> make_json_writer(const ReportOptions& options, ReportWriter::Sink sink) {
  return std::make_unique<JsonReportWriter>(options, std::move(sink));
}

}  // namespace paralint
