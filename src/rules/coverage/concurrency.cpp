// C005 coverage-invalid-concurrency: coverage checks [run] concurrency when pytest-cov starts
// it (coverage 6.5 in Collector.__init__, 7.x when it reads the config) and stops with a
// ConfigError at the first problem: a value it does not know, then two light-thread libraries
// (greenlet, eventlet, gevent: one at most), then a library it cannot import (asked of the
// --python interpreter).

#include <fmt/format.h>

#include <algorithm>

#include "paralint/model/python_questions.hpp"
#include "rules/coverage/coverage.hpp"
#include "rules/coverage/coverage_facts.hpp"

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

}  // namespace

void check_coverage_concurrency(const CheckContext& context, DiagnosticSink& sink) {
  const auto start = coverage_start(context);
  if (!start.started || context.config.parse_error) return;
  const auto& schema = CoverageSchema::embedded();
  const auto reading = read_by_coverage(context, start, schema);
  if (!reading.settled || reading.files.back().error) return;
  const auto& file = reading.files.back();
  const auto* run = file.find("run");
  const auto* concurrency = run != nullptr ? run->option("concurrency") : nullptr;
  if (concurrency == nullptr) return;
  auto report = [&](const std::string& error, const std::string& help) {
    auto message = fmt::format("coverage refuses `concurrency` in [{}] of {}: when pytest-cov starts it (`--cov` in "
                               "addopts), pytest stops with `coverage.exceptions.ConfigError: {}` (exit 1)",
                               run->name, file.name, error);
    if (!start.certain) message += " (if pytest-cov is installed: nothing tells paralint)";
    auto& diagnostic = sink.report("C005", Location::in(file.source, concurrency->span), message);
    if (!start.certain) diagnostic.severity = Severity::Warning;
    diagnostic.help = help;
  };
  if (const auto error = static_error(schema, concurrency->list)) {
    report(*error, fmt::format("coverage accepts {} (at most one of {})", sorted_joined(schema.concurrency_choices()),
                               sorted_joined(schema.concurrency_exclusive())));
    return;
  }
  if (!context.target.interpreter) return;
  InterpreterQuestions questions;
  for (const auto& value : concurrency->list) {
    if (contains(schema.concurrency_exclusive(), value)) questions.modules.push_back(value);
  }
  if (questions.modules.empty()) return;
  questions.start_dir = context.config.start_dir;
  std::string unavailable;
  const auto answers = ask_interpreter(*context.target.interpreter, questions, unavailable);
  if (!answers || answers->modules.front().loaded) return;
  report(fmt::format("Couldn't trace with concurrency={}, the module isn't installed.", questions.modules.front()),
         fmt::format("install {} where pytest runs, or remove it from `concurrency`", questions.modules.front()));
}

}  // namespace paralint::rules
