#pragma once
// One ReportWriter per format, each in the file named for it; make_report_writer
// (report.cpp) picks one. Internal to the report stage.

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>

#include "paralint/report/report.hpp"

namespace paralint {

std::unique_ptr<ReportWriter> make_text_writer(const ReportOptions& options, ReportWriter::Sink sink);
std::unique_ptr<ReportWriter> make_json_writer(const ReportOptions& options, ReportWriter::Sink sink);
std::unique_ptr<ReportWriter> make_sarif_writer(const ReportOptions& options, ReportWriter::Sink sink);
std::unique_ptr<ReportWriter> make_github_writer(const ReportOptions& options, ReportWriter::Sink sink);
std::unique_ptr<ReportWriter> make_gitlab_writer(const ReportOptions& options, ReportWriter::Sink sink);
std::unique_ptr<ReportWriter> make_junit_writer(const ReportOptions& options, ReportWriter::Sink sink);

// A format with nothing before or after its diagnostics (text, concise, github): each
// diagnostic's entry is rendered on its own.
class EntryPerDiagnostic : public ReportWriter {
 public:
  EntryPerDiagnostic(ReportOptions options, Sink sink) : options_(std::move(options)), sink_(std::move(sink)) {}
  void add(const CheckResult& result) final;
  void finish() final {}

 protected:
  [[nodiscard]] virtual std::string entry(const Diagnostic& diagnostic) const = 0;
  [[nodiscard]] const ReportOptions& options() const { return options_; }

 private:
  ReportOptions options_;
  Sink sink_;
};

// A JSON array written one element at a time, laid out exactly as nlohmann's dump(2) lays
// out the whole array when it sits `indent` spaces deep (2 at the top of a document): `[]`
// when empty, else one element per indented block.
class JsonArrayStream {
 public:
  JsonArrayStream(ReportWriter::Sink& sink, std::size_t indent) : sink_(sink), indent_(indent) {}
  void add(const nlohmann::ordered_json& element);
  void close();

 private:
  ReportWriter::Sink& sink_;
  std::size_t indent_;
  bool empty_ = true;
};

// A format that is one JSON array with an element per diagnostic (json, gitlab).
class ElementPerDiagnostic : public ReportWriter {
 public:
  ElementPerDiagnostic(ReportOptions options, Sink sink)
      : options_(std::move(options)), sink_(std::move(sink)), array_(sink_, 2) {}
  void add(const CheckResult& result) final;
  void finish() final;

 protected:
  [[nodiscard]] virtual nlohmann::ordered_json element(const Diagnostic& diagnostic) = 0;
  [[nodiscard]] const ReportOptions& options() const { return options_; }

 private:
  ReportOptions options_;
  Sink sink_;
  JsonArrayStream array_;
};

// nlohmann's dump(2), with invalid UTF-8 replaced rather than thrown on.
std::string dump_json(const nlohmann::ordered_json& json);

}  // namespace paralint
