// D001 config-unreadable: pytest stops before running anything when it cannot read the
// config file it chose (or, from pytest 9, any config file beside it).

#include "rules/discovery/config_sections.hpp"
#include "rules/discovery/discovery.hpp"

namespace paralint::rules {

namespace {

// File errors a more specific rule reports with its own explanation and fix: [pytest] in
// setup.cfg (D003), and [tool.pytest] beside a non-empty [tool.pytest.ini_options] (D006).
bool reported_elsewhere(const ConfigDocument& document) {
  if (has_setup_cfg_pytest_section(document)) return true;
  const auto tables = pyproject_tables(document);
  return tables && tables->conflict();
}

}  // namespace

void check_config_unreadable(const CheckContext& context, DiagnosticSink& sink) {
  const auto& error = context.config.parse_error;
  // An addopts value pytest cannot split or type-check is the addopts rules' (A005, A007)
  // and the value-type rule's (K003), which point at the exact token; one paralint does not
  // read (kMaxAddoptsArguments) is this rule's.
  if (!error || (error->key == "addopts" && !error->beyond_reader_limit)) return;
  Location location{error->file, nullptr, {}};
  for (const auto& document : context.documents) {
    if (document.source->path() != error->file) continue;
    if (reported_elsewhere(document)) return;
    location.source = document.source;
    if (error->line > 0 && error->line <= document.source->line_count()) {
      location.span = document.source->line_span(error->line);
      if (error->column > 0) {
        const auto start = document.source->offset({error->line, error->column});
        location.span = {start, std::max(start, location.span.end)};
      }
    }
  }
  if (error->beyond_reader_limit) {
    auto& diagnostic = sink.report("D001", location, "paralint cannot read this file: " + error->message);
    diagnostic.help = "paralint checks nothing in this file until it is within what paralint reads";
    return;
  }
  auto& diagnostic = sink.report("D001", location, "pytest cannot read this file and stops: " + error->message);
  diagnostic.help = "pytest " + context.target.pytest().str() + " exits before collecting any test; fix the file";
}

}  // namespace paralint::rules
