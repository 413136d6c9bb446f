// X008 single-worker: one worker runs the tests one at a time, like no xdist at all, but
// in a subprocess that first has to start and collect, with every report sent back.

#include "rules/xdist/xdist.hpp"
#include "rules/xdist/xdist_run.hpp"

namespace paralint::rules {

void check_single_worker(const CheckContext& context, DiagnosticSink& sink) {
  const auto run = resolve_xdist_run(context);
  if (!run || !run->distributes || run->workers != 1 || run->numprocesses == nullptr) return;
  // The option that makes it one: -n 1, or --maxprocesses=1 capping -n.
  const auto* cause = run->request == WorkerRequest::Count && run->count == 1 ? run->numprocesses : run->maxprocesses;
  if (cause == nullptr || !in_config(context.addopts, *cause)) return;
  auto& diagnostic = sink.report("X008", context.at(cause->span),
                                 written(context.addopts, *cause) +
                                     " starts a single worker: tests still run one at a time, in a "
                                     "subprocess that has to start and collect first, with every "
                                     "report sent back to this process");
  diagnostic.help = "use -n auto (or -n N > 1) for parallel runs, or drop -n for serial ones";
  qualify_unknown_presence(diagnostic, run->plugin);
}

}  // namespace paralint::rules
