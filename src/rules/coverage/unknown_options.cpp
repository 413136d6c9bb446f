// C001 coverage-unknown-option: pytest-cov starts coverage while pytest loads its config, and
// coverage warns about every option of its own sections that it does not read, in each file it
// tries until one holds its settings (coverage.config.CoverageConfig.from_file). The warning
// is a CoverageWarning, which pytest's `filterwarnings` applies to: `error` makes it a
// traceback and exit 1 before any test runs.

#include <fmt/format.h>

#include "paralint/util/spelling.hpp"
#include "rules/coverage/coverage.hpp"
#include "rules/filterwarnings/warning_filters.hpp"

namespace paralint::rules {

namespace {

std::optional<std::string> closest(const std::vector<std::string>& names, std::string_view unknown) {
  std::optional<std::string> best;
  std::size_t best_distance = unknown.size() > 8 ? 3 : 2;
  for (const auto& name : names) {
    const auto distance = edit_distance(unknown, name);
    if (distance < best_distance) {
      best = name;
      best_distance = distance;
    }
  }
  return best;
}

}  // namespace

void report_unknown_options(const CoverageCheck& check, DiagnosticSink& sink) {
  const auto& [context, start, schema, reading] = check;
  const auto filters = read_filters(context);
  for (const auto& file : reading.files) {
    if (file.error) return;  // coverage stops at it with "Couldn't read config file"
    for (const auto& section_name : schema.sections()) {
      const auto* section = file.find(section_name);
      if (section == nullptr) continue;
      for (const auto& option : section->options) {
        if (schema.knows(section_name, option.name) != CoverageSchema::Knows::NoRelease) continue;
        const auto warning_text =
            fmt::format("Unrecognized option '[{}] {}=' in config file {}", section->name, option.name, file.name);
        StartupWarning warning{{"coverage.exceptions.CoverageWarning", "Warning"}, warning_text, "coverage.config"};
        const auto decision = decide(filters, warning, context.target.pytest());
        std::string message = fmt::format(
            "coverage does not read `{}` in [{}]: when pytest-cov starts it (`--cov` in addopts) it warns "
            "`{}` and ignores the setting",
            option.name, section->name, warning_text);
        const bool fatal = decision.action == "error";
        if (fatal) message += ", and the filterwarnings make that warning an error: pytest exits 1 with a traceback";
        if (!start.certain) message += " (if pytest-cov is installed: nothing tells paralint)";
        auto& diagnostic = sink.report("C001", Location::in(file.source, option.span), message);
        if (fatal && start.certain && decision.certain) diagnostic.severity = Severity::Error;
        const auto suggestion = closest(schema.names_in(section_name), option.name);
        diagnostic.help = suggestion ? fmt::format("did you mean `{}`? coverage reads it in [{}]", *suggestion,
                                                   section->name)
                                     : fmt::format("remove it: no release of coverage {}–{} reads it in [{}]",
                                                   schema.releases().front().str(), schema.releases().back().str(),
                                                   section_name);
      }
    }
  }
}

}  // namespace paralint::rules
