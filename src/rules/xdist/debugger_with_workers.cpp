// X003 debugger-with-workers: the debugger needs the test in this process's terminal.
// xdist refuses --pdb when it distributes, quietly drops to 0 workers for -n auto/logical,
// and does not look at --trace at all (plugin.py::pytest_cmdline_main).

#include "rules/config_edits.hpp"
#include "rules/xdist/xdist.hpp"
#include "rules/xdist/xdist_run.hpp"

namespace paralint::rules {

namespace {

// Unsafe: a debugging run then needs the flag on its command line.
void take_out(const CheckContext& context, Diagnostic& diagnostic, const ParsedOption& option) {
  diagnostic.fix = take_out_option(context, "X003", option,
                                   "the debugger needs the test in this process; pass it with -n0 when debugging");
}

constexpr std::string_view kPdbRefusal =
    "`ERROR: --pdb is incompatible with distributing tests; try using -n0 or -nauto.` (exit 4)";

// The option that asks for distribution, for the message.
const ParsedOption* distribution_option(const XdistRun& run) {
  if (run.numprocesses != nullptr && run.request != WorkerRequest::NotGiven) return run.numprocesses;
  if (run.dist != nullptr && run.dist->value != "no") return run.dist;
  if (run.distload != nullptr) return run.distload;
  return run.first_tx;
}

void report_pdb(const CheckContext& context, const XdistRun& run, DiagnosticSink& sink) {
  if (run.usepdb == nullptr || !in_config(context.addopts, *run.usepdb)) return;
  const auto* cause = distribution_option(run);
  if (run.pdb_refused && cause != nullptr) {
    std::string message = "--pdb with " + written(context.addopts, *cause) + ": ";
    if (run.distributes) {
      message += "pytest stops before running any test with " + std::string(kPdbRefusal);
    } else {
      message += run.plugin.describe() + " (before " + kPdbCheckedAgainstWorkers.str() +
                 ") refuses --pdb whenever the dist mode is not 'no', even with no workers: pytest stops with " +
                 std::string(kPdbRefusal);
    }
    auto& diagnostic = sink.report("X003", context.at(run.usepdb->span), std::move(message));
    diagnostic.help =
        "keep --pdb out of addopts and pass it on the command line with -n0; -n auto in addopts "
        "lets a command-line --pdb run in one process";
    qualify_unknown_presence(diagnostic, run.plugin);
    take_out(context, diagnostic, *run.usepdb);
    return;
  }
  if (run.pdb_zeroes_auto) {
    auto& diagnostic =
        sink.report("X003", context.at(run.usepdb->span),
                    "--pdb turns " + written(context.addopts, *run.numprocesses) +
                        " into 0 workers: " + run.plugin.describe() + " runs every test in this one process, so " +
                        written(context.addopts, *run.numprocesses) + " never distributes while --pdb is in addopts");
    diagnostic.severity = Severity::Warning;
    diagnostic.help = "pass --pdb on the command line when debugging instead of keeping it in addopts";
    qualify_unknown_presence(diagnostic, run.plugin);
    take_out(context, diagnostic, *run.usepdb);
  }
}

void report_trace(const CheckContext& context, const XdistRun& run, DiagnosticSink& sink) {
  if (run.trace == nullptr || !run.distributes || !in_config(context.addopts, *run.trace)) return;
  const auto* cause = distribution_option(run);
  if (cause == nullptr) return;
  auto& diagnostic = sink.report("X003", context.at(run.trace->span),
                                 "--trace with " + written(context.addopts, *cause) +
                                     ": the tests run in workers, which never stop in "
                                     "the debugger, so --trace does nothing");
  diagnostic.severity = Severity::Warning;
  diagnostic.help = "pass --trace on the command line together with -n0 when debugging";
  qualify_unknown_presence(diagnostic, run.plugin);
  take_out(context, diagnostic, *run.trace);
}

}  // namespace

void check_debugger_with_workers(const CheckContext& context, DiagnosticSink& sink) {
  const auto run = resolve_xdist_run(context);
  if (!run) return;
  report_pdb(context, *run, sink);
  report_trace(context, *run, sink);
}

}  // namespace paralint::rules
