// C002 coverage-plugin-not-importable: coverage imports each module named in [run] plugins of
// the file it uses (coverage.plugin_support.Plugins.load_plugins, `__import__(module)`) when
// pytest-cov starts it, before pytest loads any conftest.py; a module it cannot import stops
// pytest with a traceback, exit 1. Only the target interpreter can say what it imports, so
// this rule needs --python.

#include <fmt/format.h>

#include "paralint/model/python_questions.hpp"
#include "rules/coverage/coverage.hpp"
#include "rules/coverage/coverage_facts.hpp"

namespace paralint::rules {

void check_coverage_plugin_imports(const CheckContext& context, DiagnosticSink& sink) {
  if (!context.target.interpreter || context.config.parse_error) return;
  const auto start = coverage_start(context);
  if (!start.started) return;
  const auto reading = read_by_coverage(context, start, CoverageSchema::embedded());
  if (!reading.settled || reading.files.back().error) return;
  const auto& file = reading.files.back();
  const auto* run = file.find("run");
  const auto* plugins = run != nullptr ? run->option("plugins") : nullptr;
  if (plugins == nullptr || plugins->list.empty()) return;

  InterpreterQuestions questions;
  questions.modules = plugins->list;
  questions.start_dir = context.config.start_dir;
  std::string unavailable;
  const auto answers = ask_interpreter(*context.target.interpreter, questions, unavailable);
  if (!answers) return;  // the interpreter rules already say why it cannot be asked
  for (std::size_t i = 0; i < plugins->list.size(); ++i) {
    const auto& module = plugins->list[i];
    const auto& answer = answers->modules[i];
    if (answer.loaded) continue;
    const auto stops = fmt::format("pytest stops at start-up with a traceback (exit 1): `ModuleNotFoundError: {}`",
                                   answer.error);
    if (answer.loaded_from_start_dir) {
      auto& diagnostic = sink.report(
          "C002", Location::in(file.source, plugins->span),
          fmt::format("the coverage plugin `{}` in [{}] is importable only from the directory pytest is started in: "
                      "`python -m pytest` puts it on sys.path; started with the `pytest` command, {}",
                      module, run->name, stops));
      diagnostic.severity = Severity::Warning;
      diagnostic.help = "make the module importable (install the project or the plugin) or start pytest with "
                        "`python -m pytest`";
      continue;
    }
    auto& diagnostic =
        sink.report("C002", Location::in(file.source, plugins->span),
                    fmt::format("{} cannot import the coverage plugin `{}` named in [{}] of {}, which coverage "
                                "imports when pytest-cov starts it: {}",
                                *context.target.interpreter, module, run->name, file.name, stops));
    diagnostic.help = "install the coverage plugin in the environment that runs pytest, or remove it from `plugins`";
  }
}

}  // namespace paralint::rules
