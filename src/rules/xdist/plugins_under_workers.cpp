// X010 plugin-changed-under-xdist: installed plugins that act differently once xdist
// distributes, as their own source says. Plugins of unknown presence are left out: most
// projects have none of them, and a guess would be noise.

#include "rules/xdist/xdist.hpp"
#include "rules/xdist/xdist_run.hpp"

namespace paralint::rules {

namespace {

constexpr std::string_view kBenchmark = "pytest-benchmark";

bool installed(const CheckContext& context, std::string_view name, Version& version) {
  const auto* component = context.schemas.find(name);
  if (component == nullptr || context.presence_of(*component) != Presence::Installed) return false;
  version = context.version_of(*component);
  return true;
}

// The option that sets the dist mode xdist ends with.
const ParsedOption* dist_option(const XdistRun& run) {
  if (run.dist != nullptr && run.dist->value == run.dist_mode) return run.dist;
  if (run.distload != nullptr && run.dist_mode == "load") return run.distload;
  return run.numprocesses;
}

// pytest_benchmark/session.py (3.2.2 … 5.2.3), BenchmarkSession.__init__ in pytest_configure:
// any dist mode but "no" disables benchmarks unless they are skipped or disabled already, and
// --benchmark-only then is a UsageError.
void report_benchmark(const CheckContext& context, const XdistRun& run, DiagnosticSink& sink) {
  Version version;
  if (run.dist_mode == "no" || !installed(context, kBenchmark, version)) return;
  const auto& addopts = context.addopts;
  const bool skipped = last_active(addopts, kBenchmark, "benchmark_skip") != nullptr;
  const bool disabled = last_active(addopts, kBenchmark, "benchmark_disable") != nullptr &&
                        last_active(addopts, kBenchmark, "benchmark_enable") == nullptr;
  if (skipped || disabled) return;
  const auto* cause = dist_option(run);
  if (cause == nullptr || !in_config(addopts, *cause)) return;
  const auto plugin = "pytest-benchmark " + version.str();
  const auto* only = last_active(addopts, kBenchmark, "benchmark_only");
  if (only != nullptr) {
    auto& diagnostic = sink.report(
        "X010", context.at(only->span),
        "--benchmark-only with " + written(context.addopts, *cause) + ": " + plugin +
            " disables benchmarks whenever the xdist dist mode is "
            "not 'no', and then refuses --benchmark-only: `ERROR: Can't have both --benchmark-only and "
            "--benchmark-disable "
            "options. Note that --benchmark-disable is automatically activated if xdist is on or you're missing the "
            "statistics dependency.` (exit 4)");
    diagnostic.severity = Severity::Error;
    diagnostic.help = "run benchmarks in their own invocation with -n0 (or -p no:xdist)";
    return;
  }
  auto& diagnostic = sink.report("X010", context.at(cause->span),
                                 written(context.addopts, *cause) + " disables every benchmark: " + plugin +
                                     " warns `PytestBenchmarkWarning: Benchmarks are "
                                     "automatically disabled because xdist plugin is active.Benchmarks cannot be "
                                     "performed reliably in a parallelized "
                                     "environment.` and the benchmark fixture calls each function once, untimed");
  diagnostic.severity = Severity::Warning;
  diagnostic.help =
      "run benchmarks in their own invocation with -n0, or add --benchmark-skip to say they are not "
      "wanted in parallel runs";
}

// pytest_django/fixtures.py::django_db_modify_db_settings_xdist_suffix (4.5.2): each worker
// appends its id to the test database names.
void report_django(const CheckContext& context, const XdistRun& run, DiagnosticSink& sink) {
  Version version;
  if (!run.distributes || !installed(context, "pytest-django", version)) return;
  const auto* cause = run.numprocesses != nullptr ? run.numprocesses : run.first_tx;
  if (cause == nullptr || !in_config(context.addopts, *cause)) return;
  auto& diagnostic = sink.report("X010", context.at(cause->span),
                                 written(context.addopts, *cause) + ": pytest-django " + version.str() +
                                     " gives each worker its own test database, named "
                                     "after the worker (test_<NAME>_gw0, test_<NAME>_gw1, …; SQLite without a TEST "
                                     "NAME stays in memory), so every "
                                     "worker creates and migrates one, and --reuse-db keeps one per worker");
  diagnostic.severity = Severity::Info;
  diagnostic.help =
      "make sure the database user may create that many databases and that fixtures do not expect one "
      "shared database";
}

}  // namespace

void check_plugins_under_workers(const CheckContext& context, DiagnosticSink& sink) {
  const auto run = resolve_xdist_run(context);
  if (!run) return;
  report_benchmark(context, *run, sink);
  report_django(context, *run, sink);
}

}  // namespace paralint::rules
