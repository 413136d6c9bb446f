// C004 coverage-setting-overridden: settings of the coverage config that pytest-cov replaces
// with its own when it starts coverage (pytest_cov/engine.py, 4.0.0 to 7.0.0: every controller
// gives each process's data file a suffix and combines them at the end; `source` and `branch`
// are passed to coverage.Coverage() from --cov=VALUE and --cov-branch).

#include <fmt/format.h>

#include "rules/coverage/coverage.hpp"

namespace paralint::rules {

void report_overridden_settings(const CoverageCheck& check, DiagnosticSink& sink) {
  const auto& file = *check.used();
  const auto& run = *check.run();
  for (const auto& option : run.options) {
    std::string why;
    if (option.name == "parallel") {
      why = "pytest-cov gives every process's data file its own suffix and combines them when the run ends, with "
            "or without `-n`";
    } else if (option.name == "source" && check.start.source_given) {
      why = "`--cov=VALUE` in addopts replaces it (a bare `--cov` would keep it)";
    } else if (option.name == "branch" && check.start.branch) {
      why = "`--cov-branch` in addopts replaces it";
    } else {
      continue;
    }
    auto& diagnostic = sink.report(
        "C004", Location::in(file.source, option.span),
        fmt::format("`{}` in [{}] of {} has no effect on a pytest run: {}", option.name, run.name, file.name, why));
    diagnostic.help = option.name == "parallel"
                          ? "keep it only for `coverage run` outside pytest; pytest-cov's docs call it pointless otherwise"
                          : "set it in one place: in addopts, or (with a bare `--cov`) in the coverage config";
  }
}

}  // namespace paralint::rules
