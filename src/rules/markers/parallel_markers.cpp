// M004 parallel-marker-not-enforced: a marker whose name promises parallel or serial
// behaviour (`serial`, `parallel_safe`, …) that nothing reads. pytest and pytest-xdist
// schedule by `--dist` mode only; xdist's one scheduling marker is `xdist_group`.

#include <re2/re2.h>

#include <algorithm>

#include "paralint/read/python_text.hpp"
#include "rules/markers/mark_expression.hpp"
#include "rules/markers/markers.hpp"

namespace paralint::rules {

namespace {

// Policy, not a pytest fact: marker names (lower case, '-' as '_') that claim a test may or
// may not run in parallel. None is registered or read by pytest or pytest-xdist.
constexpr std::string_view kClaimsParallelSafe[] = {"parallel",    "parallel_safe", "parallelizable", "parallelisable",
                                                    "parallel_ok", "worker_safe",   "xdist_safe",     "process_safe"};
constexpr std::string_view kClaimsSerial[] = {
    "parallel_unsafe",    "not_parallel",   "no_parallel",        "non_parallel",     "nonparallel",
    "not_parallelizable", "serial",         "serial_only",        "serially",         "run_serially",
    "run_serial",         "sequential",     "sequentially",       "sequential_only",  "run_sequentially",
    "worker_unsafe",      "xdist_unsafe",   "no_xdist",           "not_xdist",        "single_worker",
    "one_worker",         "no_concurrency", "concurrency_unsafe", "serial_execution", "process_unsafe"};
// Names that claim it only when their description says so ("isolated: needs an isolated
// virtualenv" is about something else).
constexpr std::string_view kClaimsSerialIfDescribed[] = {"isolated", "exclusive", "single_process", "run_alone"};

enum class Claim { None, ParallelSafe, Serial };

template <std::size_t N>
bool listed(const std::string_view (&names)[N], std::string_view name) {
  return std::find(std::begin(names), std::end(names), name) != std::end(names);
}

Claim claim_of(std::string_view name, std::string_view description) {
  static const RE2 parallel_words(
      R"((?i)parallel|serial|sequential|xdist|worker|concurren|simultaneous|at the same time|one at a time)");
  std::string normal;
  for (const char c : name) normal += c == '-' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (listed(kClaimsParallelSafe, normal)) return Claim::ParallelSafe;
  if (listed(kClaimsSerial, normal)) return Claim::Serial;
  if (listed(kClaimsSerialIfDescribed, normal) &&
      RE2::PartialMatch(re2::StringPiece(description.data(), description.size()), parallel_words)) {
    return Claim::Serial;
  }
  return Claim::None;
}

// Names the effective `-m` expression in addopts selects on: a run that deselects the
// marker has split its tests by it, which is the enforcement.
std::vector<std::string> selected_names(const CheckContext& context) {
  std::vector<std::string> out;
  const auto* option = context.addopts.find_dest("pytest", "markexpr");
  if (option == nullptr || !option->value) return out;
  const auto expression = MarkExpression::parse(*option->value, context.target.pytest());
  for (const auto& name : expression.names()) out.push_back(name.name);
  return out;
}

std::string message_for(std::string_view name, Claim claim) {
  const auto shown = python::repr(name);
  if (claim == Claim::ParallelSafe) {
    return "nothing reads the marker " + shown +
           ": pytest and pytest-xdist never look at it, and under -n every test runs in parallel, marked or not, so "
           "it neither enables nor restricts anything";
  }
  return "nothing enforces the marker " + shown +
         ": pytest and pytest-xdist never look at it, so under -n the tests marked with it run on any worker, at the "
         "same time as all the others";
}

std::string help_for(std::string_view name, Claim claim) {
  const std::string mark = claim == Claim::Serial ? std::string(name) : "serial";
  return "to keep tests on one worker, mark them @pytest.mark.xdist_group(name=\"" + mark +
         "\") and run with --dist loadgroup (other tests still run alongside on the other workers); to run them "
         "alone, run them in a separate step: `pytest -m " +
         mark + " -p no:xdist`, then `pytest -m \"not " + mark + "\" -n auto`";
}

}  // namespace

void check_parallel_markers(const CheckContext& context, DiagnosticSink& sink) {
  const auto* xdist = context.schemas.find("pytest-xdist");
  if (xdist != nullptr && context.addopts.disables("xdist")) return;  // -n cannot even be given with this config
  const auto selected = selected_names(context);
  auto mentioned = [](const std::vector<SourceMention>& mentions, std::string_view name) {
    return std::any_of(mentions.begin(), mentions.end(),
                       [&](const SourceMention& mention) { return mention.name == name; });
  };
  auto enforced = [&](std::string_view name) {
    return mentioned(context.project.marker_reads, name) || mentioned(context.project.marker_selections, name) ||
           std::find(selected.begin(), selected.end(), name) != selected.end() ||
           marker_owner(context, name) != nullptr;
  };
  // Whether the config itself starts workers: then every run is parallel.
  const auto* workers = xdist != nullptr ? context.addopts.find_dest(xdist->name, "numprocesses") : nullptr;
  const bool parallel_by_default =
      workers != nullptr && workers->value && *workers->value != "0" && context.presence_of(*xdist) != Presence::Absent;
  const bool hidden = registrations_may_be_hidden(context);
  auto report = [&](const std::string& name, std::string_view description, Location location) {
    const auto claim = claim_of(name, description);
    if (claim == Claim::None || enforced(name)) return;
    std::string message = message_for(name, claim);
    if (!parallel_by_default) message += " (the config starts no workers itself; this holds for runs given -n)";
    if (hidden) message += "; unless code paralint cannot read acts on it: " + opaque_note(context);
    auto& diagnostic = sink.report("M004", std::move(location), message);
    if (!parallel_by_default) diagnostic.severity = Severity::Info;
    if (hidden) diagnostic.severity = lowered(diagnostic.severity);
    diagnostic.help = help_for(name, claim);
  };
  for (const auto& declaration : context.config.markers) {
    report(declaration.name, declaration.description, context.at(declaration.span));
  }
  for (const auto& registered : context.project.markers) {
    // The scan keeps the name; the description is in the registered line's literal.
    const auto line = registered.source ? registered.source->slice(registered.span) : std::string_view();
    const auto colon = line.find(':');
    report(registered.name, colon == std::string_view::npos ? std::string_view() : line.substr(colon + 1),
           Location::in(registered.source, registered.span));
  }
}

}  // namespace paralint::rules
