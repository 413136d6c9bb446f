// C005 coverage-invalid-concurrency: coverage checks [run] concurrency when pytest-cov starts
// it (coverage 6.5 in Collector.__init__, 7.x when it reads the config) and stops with a
// ConfigError at the first problem: a value it does not know, then two light-thread libraries
// (greenlet, eventlet, gevent: one at most), then a library it cannot import (asked of the
// --python interpreter by check_coverage_config).

#include <fmt/format.h>

#include <algorithm>

#include "rules/coverage/coverage.hpp"

namespace paralint::rules {

namespace {

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// coverage's show = ", ".join(sorted(set)).
std::string sorted_joined(std::vector<std::string> items) {
  std::sort(items.begin(), items.end());
  items.erase(std::unique(items.begin(), items.end()), items.end());
  return fmt::format("{}", fmt::join(items, ", "));
}

// The first ConfigError coverage raises for these values, without asking an interpreter.
std::optional<std::string> static_error(const CoverageSchema& schema, const std::vector<std::string>& values) {
  std::vector<std::string> unknown;
  std::vector<std::string> light;
  for (const auto& value : values) {
    if (!contains(schema.concurrency_choices(), value)) unknown.push_back(value);
    if (contains(schema.concurrency_exclusive(), value) && !contains(light, value)) light.push_back(value);
  }
  if (!unknown.empty()) return "Unknown concurrency choices: " + sorted_joined(unknown);
  if (light.size() > 1) return "Conflicting concurrency settings: " + sorted_joined(light);
  return std::nullopt;
}

// coverage's message for the concurrency setting of the file it uses.
void report_concurrency(const CoverageCheck& check, const std::string& error, const std::string& help,
                        DiagnosticSink& sink) {
  const auto& file = *check.used();
  const auto& run = *check.run();
  auto message = fmt::format("coverage refuses `concurrency` in [{}] of {}: when pytest-cov starts it (`--cov` in "
                             "addopts), pytest stops with `coverage.exceptions.ConfigError: {}` (exit 1)",
                             run.name, file.name, error);
  if (!check.start.certain) message += " (if pytest-cov is installed: nothing tells paralint)";
  auto& diagnostic = sink.report("C005", Location::in(file.source, run.option("concurrency")->span), message);
  if (!check.start.certain) diagnostic.severity = Severity::Warning;
  diagnostic.help = help;
}

}  // namespace

std::optional<std::string> report_concurrency_values(const CoverageCheck& check, DiagnosticSink& sink) {
  const auto* concurrency = check.run()->option("concurrency");
  if (concurrency == nullptr) return std::nullopt;
  const auto& schema = check.schema;
  if (const auto error = static_error(schema, concurrency->list)) {
    report_concurrency(check, *error,
                       fmt::format("coverage accepts {} (at most one of {})", sorted_joined(schema.concurrency_choices()),
                                   sorted_joined(schema.concurrency_exclusive())),
                       sink);
    return std::nullopt;
  }
  for (const auto& value : concurrency->list) {
    if (contains(schema.concurrency_exclusive(), value)) return value;
  }
  return std::nullopt;
}

void report_concurrency_import(const CoverageCheck& check, const std::string& library, const PluginAnswer& answer,
                               DiagnosticSink& sink) {
  if (answer.loaded) return;
  report_concurrency(check, fmt::format("Couldn't trace with concurrency={}, the module isn't installed.", library),
                     fmt::format("install {} where pytest runs, or remove it from `concurrency`", library), sink);
}

}  // namespace paralint::rules
