// P001 workers-not-started: pytest-xdist is installed but addopts starts no worker, so a
// plain `pytest` run is serial. Fixed by `-n auto`: one worker per physical core when psutil
// is installed, else one per logical CPU (xdist's plugin.py, parse_numprocesses / auto_detect_cpus).

#include "rules/config_edits.hpp"
#include "rules/parallel/parallel.hpp"
#include "rules/xdist/xdist_run.hpp"

namespace paralint::rules {

void check_workers_not_started(const CheckContext& context, DiagnosticSink& sink) {
  const auto run = resolve_xdist_run(context);
  if (!run || run->plugin.presence != Presence::Installed || !context.config.source) return;
  if (run->numprocesses != nullptr || run->first_tx != nullptr) return;
  const auto where = addopts_location(context);
  if (!where) return;
  auto& diagnostic = sink.report("P001", *where,
                                 run->plugin.describe() + " is installed but addopts starts no worker: a plain `pytest` "
                                                          "run executes every test in one process");
  diagnostic.help = "add `-n auto` to addopts (a `-n` on the command line still overrides it)";
  if (auto edit = append_to_addopts(context, {"-n", "auto"})) {
    diagnostic.fix = Fix{Applicability::Safe, "add -n auto to addopts", {*edit}};
  }
}

}  // namespace paralint::rules
