// X004 capture-disabled-with-workers and X005 exitfirst-with-workers: core options that
// mean something else once the tests run in xdist workers.

#include "rules/config_edits.hpp"
#include "rules/coverage/coverage_facts.hpp"
#include "rules/xdist/xdist.hpp"
#include "rules/xdist/xdist_run.hpp"

namespace paralint::rules {

namespace {

void report_capture(const CheckContext& context, const XdistRun& run, const ParsedOption& workers,
                    DiagnosticSink& sink) {
  const auto* capture = last_active(context.addopts, "pytest", "capture");
  if (capture == nullptr || !in_config(context.addopts, *capture)) return;
  const bool disabled = capture->flag == "-s" || capture->value == "no";
  if (!disabled) return;
  auto& diagnostic =
      sink.report("X004", context.at(capture->span),
                  written(context.addopts, *capture) + " with " + written(context.addopts, workers) +
                      ": the tests run in workers, whose output " + run.plugin.describe() +
                      " does not pass on, so print output is lost, even the captured output of a failing test");
  diagnostic.help =
      "drop it: with capturing on, xdist reports the captured output of failing tests (add -rP to see "
      "it for passing ones too)";
  qualify_unknown_presence(diagnostic, run.plugin);
  // Unsafe: a run without workers shows print output again only on the command line's -s.
  diagnostic.fix = take_out_option(context, "X004", *capture,
                                   "under xdist workers the output is lost; with capturing on, failing tests' "
                                   "captured output is reported");
}

void report_maxfail(const CheckContext& context, const XdistRun& run, const ParsedOption& workers,
                    DiagnosticSink& sink) {
  const auto* maxfail = last_active(context.addopts, "pytest", "maxfail");
  if (maxfail == nullptr || !in_config(context.addopts, *maxfail)) return;
  // -x stores the constant 1; --maxfail=0 means no limit.
  const auto limit = maxfail->value ? python_int(*maxfail->value) : std::optional<long long>(1);
  if (!limit || *limit <= 0) return;
  const auto failures = *limit == 1 ? std::string("1 failure") : std::to_string(*limit) + " failures";
  // Seen with pytest-cov 4.0.0 and 7.0.0: the controller combines the data files before the
  // workers still running have saved theirs.
  const bool coverage = coverage_start(context).started;
  auto& diagnostic = sink.report(
      "X005", context.at(maxfail->span),
      written(context.addopts, *maxfail) + " with " + written(context.addopts, workers) + ": " + run.plugin.describe() +
          " stops the session by interrupting the workers, tests already sent to them keep running, so more than " +
          failures + " can be reported, and pytest exits 2 (interrupted) instead of 1" +
          (coverage ? "; pytest-cov's report leaves out what the workers still running then covered, and their "
                      "`.coverage.*` data files stay behind uncombined"
                    : ""));
  diagnostic.help = coverage ? "expect exit status 2 from a stopped run in CI scripts and run `coverage combine` after "
                               "it, or drop it from addopts"
                             : "expect exit status 2 from a stopped run in CI scripts, or drop it from addopts";
  qualify_unknown_presence(diagnostic, run.plugin);
}

}  // namespace

void check_core_options_with_workers(const CheckContext& context, DiagnosticSink& sink) {
  const auto run = resolve_xdist_run(context);
  if (!run || !run->distributes) return;
  const auto* workers = workers_option(*run);
  if (workers == nullptr) return;
  report_capture(context, *run, *workers, sink);
  report_maxfail(context, *run, *workers, sink);
}

}  // namespace paralint::rules
