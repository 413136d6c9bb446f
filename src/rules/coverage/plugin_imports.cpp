// C002 coverage-plugin-not-importable: coverage imports each module named in [run] plugins of
// the file it uses (coverage.plugin_support.Plugins.load_plugins, `__import__(module)`) when
// pytest-cov starts it, before pytest loads any conftest.py; a module it cannot import stops
// pytest with a traceback, exit 1. Only the target interpreter can say what it imports, so
// this rule needs --python.

#include <fmt/format.h>

#include "rules/coverage/coverage.hpp"

namespace paralint::rules {

void report_plugin_imports(const CoverageCheck& check, const std::vector<PluginAnswer>& answers, DiagnosticSink& sink) {
  const auto& file = *check.used();
  const auto& run = *check.run();
  const auto& plugins = *run.option("plugins");
  const auto& interpreter = *check.context.target.interpreter;
  for (std::size_t i = 0; i < answers.size(); ++i) {
    const auto& module = plugins.list[i];
    const auto& answer = answers[i];
    if (answer.loaded) continue;
    const auto stops = fmt::format("pytest stops at start-up with a traceback (exit 1): `ModuleNotFoundError: {}`",
                                   answer.error);
    if (answer.loaded_from_start_dir) {
      auto& diagnostic = sink.report(
          "C002", Location::in(file.source, plugins.span),
          fmt::format("the coverage plugin `{}` in [{}] is importable only from the directory pytest is started in: "
                      "`python -m pytest` puts it on sys.path; started with the `pytest` command, {}",
                      module, run.name, stops));
      diagnostic.severity = Severity::Warning;
      diagnostic.help = "make the module importable (install the project or the plugin) or start pytest with "
                        "`python -m pytest`";
      continue;
    }
    auto& diagnostic =
        sink.report("C002", Location::in(file.source, plugins.span),
                    fmt::format("{} cannot import the coverage plugin `{}` named in [{}] of {}, which coverage "
                                "imports when pytest-cov starts it: {}",
                                interpreter, module, run.name, file.name, stops));
    diagnostic.help = "install the coverage plugin in the environment that runs pytest, or remove it from `plugins`";
  }
}

}  // namespace paralint::rules
