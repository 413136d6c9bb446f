// C003 coverage-config-unreadable: coverage stops at the first file it tries that configparser
// or tomllib refuses, and at a --cov-config file that does not exist
// (coverage.config.read_coverage_config raises ConfigError); pytest-cov starts coverage while
// pytest loads its config, so pytest exits 1 with that traceback before any test runs.

#include <fmt/format.h>

#include "rules/coverage/coverage.hpp"

namespace paralint::rules {

void report_unreadable_config(const CoverageCheck& check, DiagnosticSink& sink) {
  const auto& [context, start, schema, reading] = check;
  if (reading.files.empty() || !reading.files.back().error) return;
  const auto& file = reading.files.back();
  const auto location = file.source ? Location::in(file.source, file.error_span) : context.at(start.rcfile_span);
  auto message = fmt::format("coverage cannot read {}: when pytest-cov starts it (`--cov` in addopts), pytest stops "
                             "with `coverage.exceptions.ConfigError: {}` (exit 1) before running a test",
                             file.name, *file.error);
  if (!start.certain) message += " (if pytest-cov is installed: nothing tells paralint)";
  auto& diagnostic = sink.report("C003", location, message);
  if (!start.certain) diagnostic.severity = Severity::Warning;
  diagnostic.help = file.source ? fmt::format("fix {} as configparser reads it (coverage does not use iniconfig's rules)",
                                              file.name)
                                : "name a config file that exists in --cov-config, or drop the option";
}

}  // namespace paralint::rules
