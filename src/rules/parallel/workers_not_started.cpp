// P001 workers-not-started: pytest-xdist is installed but addopts starts no worker, so a
// plain `pytest` run is serial. Fixed by `-n auto`, which starts one worker per logical CPU
// without psutil and one per physical core with it; where psutil is known to be there,
// `-n logical` keeps one per logical CPU (xdist's plugin.py, parse_numprocesses /
// auto_detect_cpus; every modelled xdist release has `logical`, added in 2.3.0).

#include <fmt/format.h>

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
  const bool psutil = context.target.psutil == Presence::Installed;
  const std::string count = psutil ? "logical" : "auto";
  diagnostic.help = psutil ? "add `-n logical` to addopts: one worker per logical CPU (with psutil installed, `-n auto` "
                             "starts one per physical core); a `-n` on the command line still overrides it"
                           : "add `-n auto` to addopts (a `-n` on the command line still overrides it)";
  if (auto edit = append_to_addopts(context, {"-n", count})) {
    diagnostic.fix = Fix{Applicability::Safe, fmt::format("add -n {} to addopts", count), {*edit}};
  }
}

}  // namespace paralint::rules
