// D008 toml-too-deep-for-pytest: nesting that tomllib (or str() of a table) survives when
// pytest's config loading is called directly, but not in a real run, whose call stack is
// deeper. paralint's reader refuses what fails even on the direct call (dump matches the
// oracle); this rule covers the few levels between that and a real run.

#include <fmt/format.h>

#include <algorithm>

#include "rules/discovery/discovery.hpp"

namespace paralint::rules {

namespace {

// Measured on Debian 12 (Python 3.11, recursion limit 1000) by bisecting real runs: with
// `python -m pytest` 7.2.1 tomllib's nesting may cost 976 frames (488 arrays, 325 inline
// tables, 195 array+inline-table pairs) and 977 raise RecursionError. The `pytest` script
// and pytest 9.1.1 start 2 frames shallower (489 arrays, 326 inline tables, 195 pairs).
// The direct call allows kTomllibFrameBudget (988). The smallest measured budget decides.
constexpr std::size_t kRunFrameBudget = 976;

// [tool.pytest.ini_options] turns a table value into str(), whose repr recurses once per
// nested table or array: `python -m pytest` 7.2.1 survives 978 levels, the `pytest` script
// 981, pytest 9.1.1 980. Native TOML tables (pytest >= 9) keep the value and never repr it.
constexpr std::size_t kRunReprBudget = 978;

constexpr std::string_view kMargin =
    "the exact limit moves by a few frames with the pytest version, the Python version and "
    "how pytest is started (`python -m pytest` has the least room, the `pytest` script and "
    "pytest 9.1.1 two frames more)";

std::size_t container_depth(const Value& value) {
  std::size_t deepest = 0;
  for (const auto& item : value.items) deepest = std::max(deepest, container_depth(item));
  for (const auto& entry : value.entries) deepest = std::max(deepest, container_depth(entry.value));
  return (value.is_array() || value.is_table()) ? deepest + 1 : 0;
}

const ConfigDocument* document_for(const CheckContext& context, const std::filesystem::path& path) {
  for (const auto& document : context.documents) {
    if (document.source->path() == path) return &document;
  }
  return nullptr;
}

void report_parse_depth(const CheckContext& context, DiagnosticSink& sink, const ConfigDocument& document) {
  const auto& toml = *document.toml;
  if (toml.error || toml.nesting_frames <= kRunFrameBudget) return;
  const auto at = toml.deepest_nesting_at;
  auto& diagnostic = sink.report(
      "D008", Location::in(document.source, {at, at + 1}),
      fmt::format(
          "arrays and inline tables nested this deep cost tomllib {} Python frames (2 per array, 3 per inline "
          "table): parsing {} on its own succeeds, but a real pytest {} run calls tomllib with a deeper "
          "stack and stops with RecursionError: maximum recursion depth exceeded (exit 1) beyond about {} frames; "
          "{}",
          toml.nesting_frames, document.file_name(), context.target.pytest().str(), kRunFrameBudget, kMargin));
  diagnostic.help = "flatten the value: pytest reads it with a recursive parser that a few hundred levels exhaust";
}

void report_repr_depth(const CheckContext& context, DiagnosticSink& sink) {
  if (context.config.mode != ValueMode::Ini) return;
  const auto* document = context.chosen_document();
  if (document == nullptr || !document->toml || document->toml->error) return;
  const auto* tool = document->toml->root.find("tool");
  const auto* pytest = tool != nullptr ? tool->find("pytest") : nullptr;
  const auto* ini_options = pytest != nullptr ? pytest->find("ini_options") : nullptr;
  if (ini_options == nullptr) return;
  for (const auto& entry : ini_options->entries) {
    if (!entry.value.is_table()) continue;  // arrays are kept as lists, never turned into text
    const auto depth = container_depth(entry.value);
    if (depth <= kRunReprBudget) continue;
    auto& diagnostic = sink.report(
        "D008", Location::in(document->source, entry.key_span),
        fmt::format("`{}` is a table nested {} levels deep: pytest {} turns it into text with str(), which recurses "
                    "once per level and stops the run with RecursionError: maximum recursion depth exceeded while "
                    "getting the repr of an object (exit 1) beyond about {} levels; {}",
                    entry.key, depth, context.target.pytest().str(), kRunReprBudget, kMargin));
    diagnostic.help = "[tool.pytest.ini_options] values are strings or arrays of strings: flatten the table";
  }
}

}  // namespace

void check_toml_too_deep(const CheckContext& context, DiagnosticSink& sink) {
  const auto& config = context.config;
  // The bare-pyproject fallback (no section) is chosen after every candidate was parsed.
  const bool stops_at_chosen = config.section.has_value() && !config.behaviour.parse_shadowed_candidates;
  for (const auto& candidate : config.candidates) {
    const bool parsed =
        candidate.status != CandidateStatus::NotARegularFile && candidate.status != CandidateStatus::Broken;
    const auto* document = parsed ? document_for(context, candidate.path) : nullptr;
    if (document != nullptr && document->toml) report_parse_depth(context, sink, *document);
    if (candidate.status == CandidateStatus::Chosen && stops_at_chosen) break;
  }
  report_repr_depth(context, sink);
}

}  // namespace paralint::rules
