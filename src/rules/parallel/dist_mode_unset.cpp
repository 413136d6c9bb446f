// P002 dist-mode-unset: workers are wanted (or P001 adds them) and no --dist is given, while
// a better mode than xdist's default `load` applies: `loadgroup` when tests use
// xdist_group (`load` ignores the groups), else `worksteal` (rebalances uneven test
// durations) from pytest-xdist 3.2.1 (3.2.0's can hang: X006).

#include <algorithm>

#include "rules/config_edits.hpp"
#include "rules/parallel/parallel.hpp"
#include "rules/xdist/xdist_run.hpp"

namespace paralint::rules {

namespace {

constexpr Version kWorkstealWithoutHang{3, 2, 1};

}  // namespace

void check_dist_mode_unset(const CheckContext& context, DiagnosticSink& sink) {
  const auto run = resolve_xdist_run(context);
  if (!run || run->plugin.presence != Presence::Installed || !context.config.source) return;
  if (run->dist != nullptr || run->distload != nullptr) return;
  const auto groups = std::find_if(context.project.marker_uses.begin(), context.project.marker_uses.end(),
                                   [](const SourceMention& use) { return use.name == "xdist_group"; });
  std::string mode;
  std::string reason;
  if (groups != context.project.marker_uses.end()) {
    mode = "loadgroup";
    reason = "the tests use xdist_group (" + groups->file.filename().string() + ":" + std::to_string(groups->line) +
             "), which the default mode `load` ignores";
  } else if (run->plugin.version >= kWorkstealWithoutHang) {
    mode = "worksteal";
    reason = "`worksteal` moves queued tests from busy workers to idle ones, where the default `load` leaves a "
             "worker with the slow tests running alone at the end";
  } else {
    return;  // `load`, the default, is the best this release has
  }
  const auto where = addopts_location(context);
  if (!where) return;
  auto& diagnostic = sink.report("P002", *where, "no --dist: " + reason);
  diagnostic.help = "add `--dist " + mode + "` to addopts";
  if (auto edit = append_to_addopts(context, {"--dist", mode})) {
    diagnostic.fix = Fix{Applicability::Safe, "add --dist " + mode + " to addopts", {*edit}};
  }
}

}  // namespace paralint::rules
