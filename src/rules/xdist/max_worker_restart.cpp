// X009 invalid-max-worker-restart: xdist registers --max-worker-restart without a type, so
// argparse keeps any text, and dsession.py::get_default_max_worker_restart calls int() on it
// when the distributed session is created.

#include "paralint/read/python_text.hpp"
#include "rules/xdist/xdist.hpp"
#include "rules/xdist/xdist_run.hpp"

namespace paralint::rules {

void check_max_worker_restart(const CheckContext& context, DiagnosticSink& sink) {
  const auto run = resolve_xdist_run(context);
  if (!run) return;
  const auto* option = last_active(context.addopts, "pytest-xdist", "maxworkerrestart");
  if (option == nullptr || !in_config(context.addopts, *option) || !option->value) return;
  if (python_int(*option->value)) return;
  const auto crash =
      "`INTERNALERROR> ValueError: invalid literal for int() with base 10: " + python::repr(*option->value) +
      "` (exit 3)";
  std::string message =
      written(context.addopts, *option) + " is not an integer: " + run->plugin.describe() + " keeps it as text and ";
  if (run->distributes) {
    message += "calls int() on it when the workers start, so pytest stops with " + crash;
  } else {
    message +=
        "calls int() on it as soon as tests are distributed (-n on the command line): then pytest stops with " + crash;
  }
  auto& diagnostic = sink.report("X009", context.at(option->span), std::move(message));
  if (!run->distributes) diagnostic.severity = Severity::Warning;
  diagnostic.help = "give a whole number of restarts, e.g. --max-worker-restart=4 (0 disables restarting)";
  qualify_unknown_presence(diagnostic, run->plugin);
}

}  // namespace paralint::rules
