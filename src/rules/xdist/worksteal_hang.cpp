// X006 worksteal-hang: pytest-xdist 3.2.0 introduced --dist worksteal with a hang: a worker
// waiting on its test queue kept waiting on the old queue after a `steal` replaced it
// (remote.py). 3.2.1 fixed it (#884, commit 6abcdfc "Fix hang caused by `steal` command
// with empty test queue").

#include "rules/xdist/xdist.hpp"
#include "rules/xdist/xdist_run.hpp"

namespace paralint::rules {

namespace {

constexpr Version kWorkstealHangs{3, 2, 0};
constexpr std::string_view kWorkstealFixed = "3.2.1";

}  // namespace

void check_worksteal_hang(const CheckContext& context, DiagnosticSink& sink) {
  const auto run = resolve_xdist_run(context);
  if (!run || !run->distributes || run->dist_mode != "worksteal" || run->plugin.version != kWorkstealHangs) return;
  if (run->dist == nullptr || !in_config(context.addopts, *run->dist)) return;
  auto& diagnostic = sink.report("X006", context.at(run->dist->span),
                                 written(context.addopts, *run->dist) + " on " + run->plugin.describe() +
                                     ": its worksteal scheduler can hang for good when a worker's queue runs empty "
                                     "(pytest-dev/pytest-xdist#884, fixed in " +
                                     std::string(kWorkstealFixed) + ")");
  diagnostic.help =
      "require pytest-xdist>=" + std::string(kWorkstealFixed) + " (required_plugins and the project's dependencies)";
  qualify_unknown_presence(diagnostic, run->plugin);
}

}  // namespace paralint::rules
