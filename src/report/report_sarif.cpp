// `--format sarif`: SARIF 2.1.0 as GitHub code scanning takes it (docs.github.com, "SARIF
// support for code scanning"): every rule of the catalogue with its documentation as help,
// results with repository-relative locations and fingerprints that survive moved lines.

#include <algorithm>
#include <cctype>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>

#include "paralint/report/fingerprint.hpp"
#include "paralint/report/report.hpp"
#include "paralint/report/rule_docs.hpp"
#include "paralint/rules/rule_catalogue.hpp"
#include "paralint/util/display_path.hpp"
#include "report/report_writers.hpp"

namespace paralint {

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

constexpr std::string_view kSchema = "https://json.schemastore.org/sarif-2.1.0.json";
// Locations inside the directory paralint ran in are relative to it; in CI that is the
// repository root, which is what code scanning resolves relative paths against.
constexpr std::string_view kSourceRoot = "%SRCROOT%";
// GitHub cuts shortDescription and fullDescription at 1024 characters.
constexpr std::size_t kDescriptionLimit = 1024;

std::string_view sarif_level(Severity severity) {
  switch (severity) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Info:
      return "note";
  }
  return "warning";
}

// GitHub's own grading of non-security rules, which orders alerts.
std::string_view problem_severity(Severity severity) {
  switch (severity) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Info:
      return "recommendation";
  }
  return "warning";
}

std::string trimmed(std::string_view text) {
  const auto begin = text.find_first_not_of(" \n");
  if (begin == std::string_view::npos) return {};
  return std::string(text.substr(begin, text.find_last_not_of(" \n") - begin + 1));
}

// The rule files wrap their prose at 100 columns; a description shown as plain text should
// not break where the file did, so single line breaks become spaces and paragraphs stay.
std::string unwrapped(const std::string& text) {
  std::string out = text;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const bool lone = out[i] == '\n' && (i == 0 || out[i - 1] != '\n') && (i + 1 == out.size() || out[i + 1] != '\n');
    if (lone) out[i] = ' ';
  }
  return out;
}

// At most `limit` code points, cut at a space and marked with an ellipsis when shortened.
std::string limited(const std::string& text, std::size_t limit) {
  if (count_code_points(text) <= limit) return text;
  std::size_t offset = 0;
  for (std::size_t kept = 0; kept + 1 < limit && offset < text.size(); ++kept) {
    char32_t ignored = 0;
    offset += decode_utf8(text, offset, ignored);
  }
  const auto space = text.rfind(' ', offset);
  return text.substr(0, space == std::string::npos || space == 0 ? offset : space) + "…";
}

// The family's first word (`discovery`, `addopts`, `pytest-xdist`…), to filter alerts by.
std::string family_tag(const RuleDoc& doc) {
  for (const auto& family : rule_families()) {
    if (!doc.code.starts_with(family.prefix)) continue;
    std::string word = family.title.substr(0, family.title.find_first_of(" :"));
    for (auto& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return word;
  }
  return {};
}

Json rule_descriptor(const RuleDoc& doc) {
  auto tags = Json::array({"pytest", "configuration"});
  if (auto family = family_tag(doc); !family.empty()) tags.push_back(family);
  return {
      {"id", doc.code},
      {"name", doc.name},
      {"shortDescription", {{"text", limited(unwrapped(trimmed(doc.summary)), kDescriptionLimit)}}},
      {"fullDescription", {{"text", limited(unwrapped(trimmed(doc.why)), kDescriptionLimit)}}},
      {"help", {{"text", render_rule_text(doc)}, {"markdown", render_rule_help_markdown(doc)}}},
      {"defaultConfiguration", {{"level", sarif_level(doc.severity)}}},
      {"properties", {{"tags", tags}, {"precision", "high"}, {"problem.severity", problem_severity(doc.severity)}}}};
}

// A URI path: every byte but the unreserved characters and `/` percent-encoded, so that
// spaces, `%`, `#`, `?` and a `:` in the first segment cannot be misread.
std::string uri_path(std::string_view path) {
  constexpr std::string_view kHex = "0123456789ABCDEF";
  std::string out;
  for (const char c : path) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) != 0 || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4U];
      out += kHex[byte & 0xFU];
    }
  }
  return out;
}

std::string file_uri(const fs::path& path) {
  return "file://" + uri_path(fs::absolute(path).lexically_normal().generic_string());
}

Json artifact_location(const fs::path& file, const fs::path& base) {
  const fs::path shown = display_path(file, base);
  if (!shown.empty() && shown.is_relative() && *shown.begin() != "..") {
    return {{"uri", uri_path(shown.generic_string())}, {"uriBaseId", kSourceRoot}};
  }
  return {{"uri", file_uri(file)}};
}

Json region(const Location& location) {
  const auto range = display_range(location);
  return {{"startLine", range.line},
          {"startColumn", range.column},
          {"endLine", range.end_line},
          {"endColumn", range.end_column}};
}

Json sarif_fix(const Fix& fix, const fs::path& base) {
  // One artifactChange per file, its replacements in the order the fix lists them.
  std::vector<std::pair<fs::path, Json>> changes;
  for (const auto& edit : fix.edits) {
    const auto& file = edit.source->path();
    auto change = std::find_if(changes.begin(), changes.end(), [&](const auto& entry) { return entry.first == file; });
    if (change == changes.end()) {
      changes.emplace_back(file,
                           Json{{"artifactLocation", artifact_location(file, base)}, {"replacements", Json::array()}});
      change = std::prev(changes.end());
    }
    change->second["replacements"].push_back({{"deletedRegion", region(Location::in(edit.source, edit.span))},
                                              {"insertedContent", {{"text", edit.replacement}}}});
  }
  auto artifact_changes = Json::array();
  for (auto& [file, change] : changes) artifact_changes.push_back(std::move(change));
  return {{"description", {{"text", fix.message}}},
          {"artifactChanges", artifact_changes},
          {"properties", {{"applicability", fix.applicability == Applicability::Safe ? "safe" : "unsafe"}}}};
}

// Results sit at this depth of the document: log, runs, the run, results, each result.
constexpr std::size_t kResultIndent = 8;
// Stands for the results while the rest of the document is rendered. Keys are printed in
// order, and all that precedes "results" is the schema, the version, "columnKind" and the
// percent-encoded root URI (no space or quote): its first occurrence is this one.
constexpr std::string_view kResultsPlaceholder = "paralint results placeholder";

// The document is rendered once without its results and split where they go: what comes
// before is written first, each result as it arrives, and the rest at the end.
class SarifWriter final : public ReportWriter {
 public:
  SarifWriter(const ReportOptions& options, Sink sink)
      : base_(options.base), fingerprinter_(options.base), sink_(std::move(sink)), results_(sink_, kResultIndent) {
    auto rules = Json::array();
    for (const auto& doc : rule_docs()) {
      rule_index_.emplace(doc.code, rules.size());
      rules.push_back(rule_descriptor(doc));
    }
    std::string root = file_uri(options.base);
    if (!root.ends_with('/')) root += '/';  // SARIF requires a base URI to end with a slash
    Json driver = {{"name", "paralint"},
                   {"version", options.tool_version},
                   {"semanticVersion", options.tool_version},
                   {"rules", rules}};
    Json run = {{"tool", {{"driver", driver}}},
                {"originalUriBaseIds", {{kSourceRoot, {{"uri", root}}}}},
                {"columnKind", "unicodeCodePoints"},
                {"results", kResultsPlaceholder}};
    Json log = {{"$schema", kSchema}, {"version", "2.1.0"}, {"runs", Json::array({run})}};
    const auto document = dump_json(log);
    const auto placeholder = "\"" + std::string(kResultsPlaceholder) + "\"";
    const auto at = document.find(placeholder);
    sink_(std::string_view(document).substr(0, at));
    tail_ = document.substr(at + placeholder.size()) + "\n";
  }

  void add(const CheckResult& result) override {
    for (const auto& diagnostic : result.diagnostics) {
      Json entry = {{"ruleId", diagnostic.code}};
      if (const auto found = rule_index_.find(diagnostic.code); found != rule_index_.end())
        entry["ruleIndex"] = found->second;
      std::string message = diagnostic.message;
      if (diagnostic.help) message += "\nhelp: " + *diagnostic.help;
      entry["level"] = sarif_level(diagnostic.severity);
      entry["message"] = {{"text", message}};
      entry["locations"] = Json::array({{{"physicalLocation",
                                          {{"artifactLocation", artifact_location(diagnostic.location.file, base_)},
                                           {"region", region(diagnostic.location)}}}}});
      // GitHub matches alerts by primaryLocationLineHash only, which upload-sarif computes
      // from the file (and warns about, result by result, when a tool supplied a different
      // one); this fingerprint is for every other consumer.
      entry["partialFingerprints"] = {{"paralint/v1", fingerprinter_.next(diagnostic)}};
      if (diagnostic.fix) entry["fixes"] = Json::array({sarif_fix(*diagnostic.fix, base_)});
      results_.add(entry);
    }
  }

  void finish() override {
    results_.close();
    sink_(tail_);
  }

 private:
  fs::path base_;
  Fingerprinter fingerprinter_;
  std::map<std::string, std::size_t, std::less<>> rule_index_;
  Sink sink_;
  JsonArrayStream results_;
  std::string tail_;
};

}  // namespace

std::unique_ptr<ReportWriter> make_sarif_writer(const ReportOptions& options, ReportWriter::Sink sink) {
  return std::make_unique<SarifWriter>(options, std::move(sink));
}

}  // namespace paralint
