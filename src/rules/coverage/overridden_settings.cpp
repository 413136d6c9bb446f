// C004 coverage-setting-overridden: settings of the coverage config that pytest-cov replaces
// with its own when it starts coverage (pytest_cov/engine.py, 4.0.0 to 7.0.0: every controller
// gives each process's data file a suffix and combines them at the end; `source` and `branch`
// are passed to coverage.Coverage() from --cov=VALUE and --cov-branch).

#include <fmt/format.h>

#include "rules/coverage/coverage.hpp"
#include "rules/coverage/coverage_facts.hpp"

namespace paralint::rules {

namespace {

struct CovOptions {
  bool source_given = false;  // --cov=VALUE
  bool branch = false;        // --cov-branch
};

CovOptions cov_options(const CheckContext& context) {
  CovOptions options;
  for (const auto& option : context.addopts.options) {
    if (option.component == nullptr || option.component->name != "pytest-cov" || option.option == nullptr) continue;
    if (option.option->dest == "cov_source" && option.value && !option.value->empty()) options.source_given = true;
    if (option.option->dest == "cov_branch") options.branch = true;
  }
  return options;
}

}  // namespace

void check_coverage_overridden_settings(const CheckContext& context, DiagnosticSink& sink) {
  const auto start = coverage_start(context);
  if (!start.started || context.config.parse_error) return;
  const auto reading = read_by_coverage(context, start, CoverageSchema::embedded());
  if (!reading.settled || reading.files.back().error) return;
  const auto& file = reading.files.back();
  const auto* run = file.find("run");
  if (run == nullptr) return;
  const auto options = cov_options(context);
  for (const auto& option : run->options) {
    std::string why;
    if (option.name == "parallel") {
      why = "pytest-cov gives every process's data file its own suffix and combines them when the run ends, with "
            "or without `-n`";
    } else if (option.name == "source" && options.source_given) {
      why = "`--cov=VALUE` in addopts replaces it (a bare `--cov` would keep it)";
    } else if (option.name == "branch" && options.branch) {
      why = "`--cov-branch` in addopts replaces it";
    } else {
      continue;
    }
    auto& diagnostic = sink.report(
        "C004", Location::in(file.source, option.span),
        fmt::format("`{}` in [{}] of {} has no effect on a pytest run: {}", option.name, run->name, file.name, why));
    diagnostic.help = option.name == "parallel"
                          ? "keep it only for `coverage run` outside pytest; pytest-cov's docs call it pointless otherwise"
                          : "set it in one place: in addopts, or (with a bare `--cov`) in the coverage config";
  }
}

}  // namespace paralint::rules
