#include "rules/xdist/xdist_run.hpp"

#include <algorithm>
#include <limits>

#include "paralint/read/python_text.hpp"

namespace paralint::rules {

namespace {

constexpr std::string_view kXdist = "pytest-xdist";

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// parse_numprocesses: "auto" and "logical" as they are, anything else through int().
bool read_worker_request(const ParsedOption& option, XdistRun& run) {
  const auto& value = option.value.value_or("");
  if (value == "auto" || value == "logical") {
    run.request = WorkerRequest::Auto;
    return true;
  }
  const auto count = python_int(value);
  if (!count) return false;
  run.request = WorkerRequest::Count;
  run.count = *count;
  return true;
}

}  // namespace

std::string XdistPlugin::describe() const { return "pytest-xdist " + version.str(); }

XdistPlugin xdist_plugin(const CheckContext& context) {
  XdistPlugin plugin;
  plugin.component = context.schemas.find(kXdist);
  if (plugin.component == nullptr) return plugin;
  plugin.presence = context.presence_of(*plugin.component);
  plugin.version = context.version_of(*plugin.component);
  return plugin;
}

std::optional<long long> python_int(std::string_view text) {
  text = python::strip(text);
  bool negative = false;
  if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  if (text.empty() || !is_digit(text.front()) || !is_digit(text.back())) return std::nullopt;
  long long value = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '_') {
      if (!is_digit(text[i + 1])) return std::nullopt;  // "1__0": one underscore between digits
      continue;
    }
    if (!is_digit(text[i])) return std::nullopt;
    if (value > (std::numeric_limits<long long>::max() - 9) / 10) return std::nullopt;  // far beyond any worker count
    value = value * 10 + (text[i] - '0');
  }
  return negative ? -value : value;
}

const ParsedOption* last_active(const ParsedAddopts& addopts, std::string_view component, std::string_view dest) {
  const ParsedOption* last = nullptr;
  for (const auto* option : addopts.all_dest(component, dest)) {
    if (option->owner == OptionOwner::Active && option->exists_in_version) last = option;
  }
  return last;
}

std::optional<XdistRun> resolve_xdist_run(const CheckContext& context) {
  XdistRun run;
  run.plugin = xdist_plugin(context);
  if (!run.plugin.active()) return std::nullopt;
  const auto& addopts = context.addopts;
  if (last_active(addopts, "pytest", "collectonly") != nullptr) return std::nullopt;

  run.numprocesses = last_active(addopts, kXdist, "numprocesses");
  run.dist = last_active(addopts, kXdist, "dist");
  run.distload = last_active(addopts, kXdist, "distload");
  run.maxprocesses = last_active(addopts, kXdist, "maxprocesses");
  run.usepdb = last_active(addopts, "pytest", "usepdb");
  run.trace = last_active(addopts, "pytest", "trace");
  for (const auto* option : addopts.all_dest(kXdist, "tx")) {
    if (option->owner == OptionOwner::Active && option->exists_in_version) {
      run.first_tx = option;
      break;
    }
  }

  if (run.numprocesses != nullptr && !read_worker_request(*run.numprocesses, run)) return std::nullopt;
  if (run.dist != nullptr) {
    const auto choices = run.dist->option->choices_in(run.plugin.version);
    const auto& mode = run.dist->value.value_or("");
    if (std::find(choices.begin(), choices.end(), mode) == choices.end()) return std::nullopt;
    run.dist_mode = mode;
  }
  std::optional<long long> maxprocesses;
  if (run.maxprocesses != nullptr) {
    maxprocesses = python_int(run.maxprocesses->value.value_or(""));
    if (!maxprocesses) return std::nullopt;
  }

  // pytest_cmdline_main, in the order of the modelled release.
  const bool checks_workers = run.plugin.version >= kPdbCheckedAgainstWorkers;
  const bool pdb = run.usepdb != nullptr;
  if (checks_workers && run.distload != nullptr) run.dist_mode = "load";
  auto request = run.request;
  auto count = run.count;
  if (request == WorkerRequest::Auto && pdb) {
    run.pdb_zeroes_auto = true;
    request = WorkerRequest::Count;
    count = 0;
    run.dist_mode = "no";
  }
  // Explicit --tx specs are workers too, unless -n replaces them.
  bool has_workers = run.first_tx != nullptr;
  run.workers.reset();
  const bool numprocesses_set = request == WorkerRequest::Auto || (request == WorkerRequest::Count && count != 0);
  if (numprocesses_set) {
    if (run.dist_mode == "no") run.dist_mode = "load";
    // tx = ["popen"] * min(n, maxprocesses or n); an auto count is at least one.
    const bool capped = maxprocesses && *maxprocesses != 0;
    if (request == WorkerRequest::Count) {
      const auto workers = capped ? std::min(count, *maxprocesses) : count;
      run.workers = std::max(workers, 0LL);
    } else if (capped && *maxprocesses <= 1) {
      run.workers = std::max(*maxprocesses, 0LL);
    }
    has_workers = !run.workers || *run.workers > 0;
  }
  if (!checks_workers && run.distload != nullptr) run.dist_mode = "load";
  if (checks_workers && request == WorkerRequest::Count && count == 0) {
    run.dist_mode = "no";
    has_workers = false;
  }
  run.distributes = run.dist_mode != "no" && has_workers;
  if (!run.distributes) run.workers = 0;
  run.pdb_refused = pdb && (checks_workers ? run.distributes : run.dist_mode != "no");
  return run;
}

void qualify_unknown_presence(Diagnostic& diagnostic, const XdistPlugin& plugin) {
  if (!plugin.unknown()) return;
  diagnostic.message +=
      " (if pytest-xdist is installed: nothing here declares it; state it with --python or --plugins)";
  if (diagnostic.severity == Severity::Error) {
    diagnostic.severity = Severity::Warning;
  } else {
    diagnostic.severity = Severity::Info;
  }
}

bool in_config(const ParsedAddopts& addopts, const ParsedOption& option) {
  return !addopts.tokens[option.first_token].from_environment;
}

const ParsedOption* workers_option(const XdistRun& run) {
  if (run.numprocesses != nullptr && run.request != WorkerRequest::NotGiven) return run.numprocesses;
  return run.first_tx;
}

std::string why_no_workers(const ParsedAddopts& addopts, const XdistRun& run) {
  if (run.distributes) return {};
  if (run.pdb_zeroes_auto) return "--pdb turns " + written(addopts, *run.numprocesses) + " into 0 workers";
  if (run.request == WorkerRequest::Count && run.count <= 0)
    return written(addopts, *run.numprocesses) + " starts no workers";
  if (run.request != WorkerRequest::NotGiven && run.maxprocesses != nullptr) {
    return written(addopts, *run.maxprocesses) + " leaves no workers";
  }
  if (run.first_tx != nullptr) return written(addopts, *run.first_tx) + " starts none without a dist mode";
  return "no -n or --tx starts any worker";
}

std::string written(const ParsedAddopts& addopts, const ParsedOption& option) {
  const auto& first = addopts.tokens[option.first_token].text;
  if (option.first_token == option.last_token && !first.starts_with(option.flag)) {
    // A flag inside a cluster such as "-vs": name it alone.
    return option.value ? option.flag + *option.value : option.flag;
  }
  std::string text;
  for (auto i = option.first_token; i <= option.last_token; ++i) {
    if (!text.empty()) text += ' ';
    text += addopts.tokens[i].text;
  }
  return text;
}

}  // namespace paralint::rules
