#include "paralint/model/python_questions.hpp"
#include "rules/coverage/coverage.hpp"

namespace paralint::rules {

void check_coverage_config(const CheckContext& context, DiagnosticSink& sink) {
  auto start = coverage_start(context);
  if (!start.started || context.config.parse_error) return;
  const auto& schema = CoverageSchema::embedded();
  auto reading = read_by_coverage(context, start, schema);
  const CoverageCheck check{context, std::move(start), schema, std::move(reading)};
  report_unknown_options(check, sink);
  report_unreadable_config(check, sink);
  if (check.run() == nullptr) return;
  report_overridden_settings(check, sink);
  report_test_contexts(check, sink);
  const auto library = report_concurrency_values(check, sink);

  // Only the target interpreter can say what it imports.
  if (!context.target.interpreter) return;
  const auto* plugins = check.run()->option("plugins");
  InterpreterQuestions questions;
  if (plugins != nullptr) questions.modules = plugins->list;
  if (library) questions.modules.push_back(*library);
  if (questions.modules.empty()) return;
  questions.start_dir = context.config.start_dir;
  std::string unavailable;
  const auto answers = ask_interpreter(*context.target.interpreter, questions, unavailable);
  if (!answers) return;  // the interpreter rules already say why it cannot be asked
  auto plugin_answers = answers->modules;
  if (library) {
    report_concurrency_import(check, *library, plugin_answers.back(), sink);
    plugin_answers.pop_back();
  }
  if (plugins != nullptr) report_plugin_imports(check, plugin_answers, sink);
}

}  // namespace paralint::rules
