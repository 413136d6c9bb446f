// X001 dist-without-workers and X002 worker-option-without-workers: xdist distributes only
// when it ends with a dist mode other than "no" and at least one worker
// (plugin.py::pytest_configure); everything else in the config that is about distribution
// is then silently ignored, and every test runs in the one pytest process.

#include <array>

#include "rules/xdist/xdist.hpp"
#include "rules/xdist/xdist_run.hpp"

namespace paralint::rules {

namespace {

// A plain `pytest` run is what the config decides alone; -n on the command line still works.
std::string unless_command_line(const XdistRun& run) {
  return run.request == WorkerRequest::NotGiven && !run.distributes
             ? " (it applies only when -n is given on the command line)"
             : "";
}

void report_dist_without_workers(const CheckContext& context, const XdistRun& run, DiagnosticSink& sink) {
  if (run.distributes || run.pdb_zeroes_auto) return;  // X003 explains --pdb with -n auto
  const ParsedOption* mode = run.dist != nullptr && run.dist->value != "no" ? run.dist : run.distload;
  const auto why = why_no_workers(context.addopts, run);
  if (mode != nullptr && in_config(context.addopts, *mode)) {
    auto& diagnostic =
        sink.report("X001", context.at(mode->span),
                    written(context.addopts, *mode) + " has no effect: " + why + ", so " + run.plugin.describe() +
                        " runs every test in this one process" + unless_command_line(run));
    diagnostic.help =
        "add -n auto (or -n N) to run tests in workers, or drop " + mode->flag + " if runs are meant to be serial";
    qualify_unknown_presence(diagnostic, run.plugin);
    return;
  }
  if (mode == nullptr && run.first_tx != nullptr && in_config(context.addopts, *run.first_tx)) {
    auto& diagnostic = sink.report("X001", context.at(run.first_tx->span),
                                   written(context.addopts, *run.first_tx) +
                                       " starts no workers: without --dist or -d the dist mode stays "
                                       "'no', so " +
                                       run.plugin.describe() + " runs every test in this one process");
    diagnostic.help = "add --dist load (or another mode) next to --tx, or use -n N for local workers";
    qualify_unknown_presence(diagnostic, run.plugin);
  }
}

// Options that xdist reads only while distributing, and where (pytest-xdist 3.8.0 source).
struct WorkerOnlyOption {
  std::string_view dest;
  std::string_view reader;
};
constexpr std::array kWorkerOnlyOptions{
    WorkerOnlyOption{"maxworkerrestart", "the distributed session"},     // dsession.py
    WorkerOnlyOption{"maxprocesses", "-n"},                              // plugin.py::pytest_cmdline_main
    WorkerOnlyOption{"maxschedchunk", "the load scheduler"},             // scheduler/load.py
    WorkerOnlyOption{"loadscopereorder", "the loadscope scheduler"},     // scheduler/loadscope.py
    WorkerOnlyOption{"testrunuid", "the workers' testrun_uid fixture"},  // workermanage.py, remote.py
    WorkerOnlyOption{"px", "the gateways of remote --tx workers"},       // workermanage.py
};

// Why an option that is read while distributing still does nothing in this run; empty when
// it takes effect.
std::string why_inert(const CheckContext& context, std::string_view dest, std::string_view reader,
                      const XdistRun& run) {
  if (dest == "maxprocesses") {
    if (run.request == WorkerRequest::NotGiven) return "it only caps -n, and no -n is given";
    if (run.request == WorkerRequest::Count && run.count == 0)
      return "it only caps -n, and " + written(context.addopts, *run.numprocesses) + " starts no workers";
    if (run.pdb_zeroes_auto) return "it only caps -n, and " + why_no_workers(context.addopts, run);
    return {};
  }
  if (!run.distributes) return "only " + std::string(reader) + " reads it, and " + why_no_workers(context.addopts, run);
  // LoadFileScheduling and LoadGroupScheduling extend LoadScopeScheduling.
  if (dest == "maxschedchunk" && run.dist_mode != "load")
    return "only --dist load reads it, and this run uses --dist " + run.dist_mode;
  if (dest == "loadscopereorder" && run.dist_mode != "loadscope" && run.dist_mode != "loadfile" &&
      run.dist_mode != "loadgroup") {
    return "only --dist loadscope, loadfile and loadgroup read it, and this run uses --dist " + run.dist_mode;
  }
  return {};
}

void report_inert_worker_options(const CheckContext& context, const XdistRun& run, DiagnosticSink& sink) {
  for (const auto& entry : kWorkerOnlyOptions) {
    const auto* option = last_active(context.addopts, "pytest-xdist", entry.dest);
    if (option == nullptr || !in_config(context.addopts, *option)) continue;
    const auto why = why_inert(context, entry.dest, entry.reader, run);
    if (why.empty()) continue;
    auto& diagnostic =
        sink.report("X002", context.at(option->span),
                    written(context.addopts, *option) + " has no effect: " + why + unless_command_line(run));
    diagnostic.help = "remove it, or start workers (-n auto) in the same addopts";
    qualify_unknown_presence(diagnostic, run.plugin);
  }
}

}  // namespace

void check_no_workers(const CheckContext& context, DiagnosticSink& sink) {
  const auto run = resolve_xdist_run(context);
  if (!run) return;
  report_dist_without_workers(context, *run, sink);
  report_inert_worker_options(context, *run, sink);
}

}  // namespace paralint::rules
