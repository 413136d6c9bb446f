#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "paralint/report/report.hpp"
#include "paralint/rules/rule_catalogue.hpp"
#include "paralint/util/display_path.hpp"
#include "paralint/util/terminal_text.hpp"
#include "report/report_writers.hpp"

namespace paralint {

namespace {

struct Style {
  bool enabled = false;
  [[nodiscard]] std::string wrap(std::string_view code, std::string_view text) const {
    if (!enabled) return std::string(text);
    return fmt::format("\x1b[{}m{}\x1b[0m", code, text);
  }
  [[nodiscard]] std::string bold(std::string_view text) const { return wrap("1", text); }
  [[nodiscard]] std::string dim(std::string_view text) const { return wrap("2", text); }
  [[nodiscard]] std::string severity(Severity severity, std::string_view text) const {
    switch (severity) {
      case Severity::Error:
        return wrap("1;31", text);
      case Severity::Warning:
        return wrap("1;33", text);
      case Severity::Info:
        return wrap("1;36", text);
    }
    return std::string(text);
  }
};

std::string header(const Diagnostic& diagnostic, const ReportOptions& options, const Style& style) {
  std::string where = printable(display_path(diagnostic.location.file, options.base));
  if (diagnostic.location.source) {
    const auto range = display_range(diagnostic.location);
    where += fmt::format(":{}:{}", range.line, range.column);
  }
  return fmt::format("{}: {} {} {}", style.bold(where), style.severity(diagnostic.severity, diagnostic.code),
                     style.severity(diagnostic.severity, "[" + std::string(severity_name(diagnostic.severity)) + "]"),
                     printable(diagnostic.message));
}

// Lines longer than this are shown as a window around the span: printing a long line (a
// one-line addopts of thousands of options) once per diagnostic made the output quadratic.
constexpr std::size_t kSnippetColumns = 120;
constexpr std::size_t kContextBeforeSpan = 40;

// The source line with the span underlined, as ruff shows it.
std::string snippet(const Diagnostic& diagnostic, const Style& style) {
  const auto& source = diagnostic.location.source;
  if (!source) return {};
  const auto range = display_range(diagnostic.location);
  const auto line_span = source->line_span(range.line);
  const auto width = source->position(line_span.end).column - 1;
  std::size_t start = std::min(range.column - 1, width);
  std::size_t stop =
      range.end_line == range.line ? std::max(range.end_column - 1, start + 1) : std::max(width, start + 1);
  // Columns [from, to) of the line are shown; "…" marks what is cut off on either side.
  std::size_t from = 0;
  std::size_t to = width;
  if (width > kSnippetColumns) {
    from = start > kContextBeforeSpan ? std::min(start - kContextBeforeSpan, width - kSnippetColumns) : 0;
    to = from + kSnippetColumns;
  }
  const auto column_offset = [&](std::size_t column) { return source->offset({range.line, column + 1}); };
  std::string shown = from > 0 ? "\u2026" : "";
  for (const char c : printable(source->slice({column_offset(from), column_offset(to)}))) {
    shown += c == '\t' ? ' ' : c;  // tabs shown as one space keep the underline aligned
  }
  if (to < width) shown += "\u2026";
  const std::size_t marker = from > 0 ? 1 : 0;
  start = start - from + marker;
  stop = std::min(stop, to) - from + marker;
  const auto number = std::to_string(range.line);
  const std::string gutter(number.size(), ' ');
  std::string out;
  out += fmt::format("{} {}\n", gutter, style.dim("|"));
  out += fmt::format("{} {} {}\n", style.dim(number), style.dim("|"), shown);
  out += fmt::format(
      "{} {} {}{}\n", gutter, style.dim("|"), std::string(start, ' '),
      style.severity(diagnostic.severity, std::string(std::max(stop, start + 1) - start, '^') + " " + diagnostic.code));
  out += fmt::format("{} {}\n", gutter, style.dim("|"));
  return out;
}

}  // namespace

DisplayRange display_range(const Location& location) {
  if (!location.source) return {};
  const auto start = location.source->position(location.span.begin);
  const auto end = location.source->position(location.span.end);
  return {start.line, start.column, end.line, end.column};
}

namespace {

class TextWriter final : public EntryPerDiagnostic {
 public:
  using EntryPerDiagnostic::EntryPerDiagnostic;

 private:
  [[nodiscard]] std::string entry(const Diagnostic& diagnostic) const override {
    const Style style{options().color};
    std::string out = header(diagnostic, options(), style) + '\n';
    if (options().format == OutputFormat::Concise) return out;
    out += snippet(diagnostic, style);
    if (diagnostic.help) out += fmt::format("  = {} {}\n", style.bold("help:"), printable_lines(*diagnostic.help));
    if (diagnostic.fix) {
      out += fmt::format("  = {} {}{}\n", style.bold("fix:"), printable(diagnostic.fix->message),
                         diagnostic.fix->applicability == Applicability::Unsafe ? " (unsafe)" : "");
    }
    return out + '\n';
  }
};

}  // namespace

std::unique_ptr<ReportWriter> make_text_writer(const ReportOptions& options, ReportWriter::Sink sink) {
  return std::make_unique<TextWriter>(options, std::move(sink));
}

void Summary::add(const CheckResult& result) {
  ++paths_;
  for (const auto& diagnostic : result.diagnostics) {
    ++by_severity_[diagnostic.severity];
    auto& entry = by_code_[diagnostic.code];
    ++entry.count;
    entry.severity = diagnostic.severity;
    entry.name = diagnostic.name;
    if (diagnostic.fix) ++fixable_;
    failed_ = failed_ || diagnostic.severity >= result.fail_on;
  }
  if (assumption_sets_.insert(result.assumptions).second) assumed_.emplace_back(result.path, result.assumptions);
}

std::string Summary::render(const SummaryOptions& options) const {
  const Style style{options.color};
  std::string out;
  if (options.statistics) {
    for (const auto& [code, entry] : by_code_) {
      out += fmt::format("{:>5}  {:<5} {:<8} {}\n", entry.count, code,
                         "[" + std::string(severity_name(entry.severity)) + "]", entry.name);
    }
  }
  const auto count_of = [&](Severity severity) {
    const auto found = by_severity_.find(severity);
    return found == by_severity_.end() ? std::size_t{0} : found->second;
  };
  const std::size_t total = count_of(Severity::Error) + count_of(Severity::Warning) + count_of(Severity::Info);
  if (fixed_ > 0) {
    out += fmt::format("Fixed {} problem{} in {} file{}.\n", fixed_, fixed_ == 1 ? "" : "s", fixed_files_,
                       fixed_files_ == 1 ? "" : "s");
  }
  if (total == 0) {
    out += style.bold("All checks passed.") + "\n";
  } else {
    std::vector<std::string> parts;
    for (const auto severity : {Severity::Error, Severity::Warning, Severity::Info}) {
      if (const auto count = count_of(severity)) {
        parts.push_back(fmt::format("{} {}{}", count, severity_name(severity), count == 1 ? "" : "s"));
      }
    }
    out += fmt::format("Found {} problem{} ({}).", total, total == 1 ? "" : "s", fmt::join(parts, ", "));
    if (fixable_ > 0) out += fmt::format(" {} with a fix.", fixable_);
    out += '\n';
  }
  // What was modelled, once per distinct assumption set.
  for (const auto& [path, assumptions] : assumed_) {
    out += style.dim(paths_ > 1 ? "Assumed for " + printable(path.string()) + ":" : "Assumed:") + "\n";
    for (const auto& line : assumptions) out += style.dim("  " + line) + "\n";
  }
  return out;
}

}  // namespace paralint
