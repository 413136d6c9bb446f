// C006 coverage-test-contexts-under-xdist: `[run] dynamic_context = test_function` with xdist
// workers. pytest-cov 6.0.0 added a check to DistMaster.start (engine.py) that raises
// DistCovError (pytest-dev/pytest-cov#604); before it, the controller's save() at the end of
// the run fails on its data file in most runs.

#include <fmt/format.h>

#include "rules/coverage/coverage.hpp"
#include "rules/xdist/xdist_run.hpp"

namespace paralint::rules {

namespace {

constexpr Version kRefusedAtStart{6, 0, 0};

}  // namespace

void report_test_contexts(const CoverageCheck& check, DiagnosticSink& sink) {
  const auto* option = check.run()->option("dynamic_context");
  if (option == nullptr || option->list != std::vector<std::string>{"test_function"}) return;
  const auto& context = check.context;
  const auto run = resolve_xdist_run(context);
  if (!run || !run->distributes) return;
  const auto* workers = workers_option(*run);
  const auto* pytest_cov = context.schemas.find("pytest-cov");
  if (workers == nullptr || pytest_cov == nullptr) return;
  const auto version = context.version_of(*pytest_cov);
  const auto cov = "pytest-cov " + version.str();
  const auto& file = *check.used();
  const auto what = fmt::format("`dynamic_context = test_function` in [{}] of {} with {}", check.run()->name, file.name,
                                written(context.addopts, *workers));
  auto message =
      version >= kRefusedAtStart
          ? fmt::format("{}: {} refuses it under xdist workers, `pytest_cov.DistCovError: Detected "
                        "dynamic_context=test_function in coverage configuration. This is known to cause issues when "
                        "using xdist` (exit 1, before any test runs)",
                        what, cov)
          : fmt::format("{}: {} fails to save the controller's coverage data once the tests have run, in most runs: "
                        "`INTERNALERROR> coverage.exceptions.DataError: Couldn't use data file '…': no such table: "
                        "file` (exit 3); pytest-cov 6.0 and later refuse it at start (exit 1)",
                        what, cov);
  if (!check.start.certain) message += " (if pytest-cov is installed: nothing tells paralint)";
  auto& diagnostic = sink.report("C006", Location::in(file.source, option->span), message);
  if (!check.start.certain) diagnostic.severity = Severity::Warning;
  diagnostic.help =
      "put `--cov-context=test` in addopts instead (pytest-cov then records each test's context itself, with or "
      "without workers) and drop `dynamic_context`";
  qualify_unknown_presence(diagnostic, run->plugin);
}

}  // namespace paralint::rules
