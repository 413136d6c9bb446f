#pragma once
// How pytest-xdist turns the options in addopts into a run, step for step as its
// pytest_cmdline_main and pytest_configure do (src/xdist/plugin.py): the dist mode it ends
// with, whether workers start, and whether it refuses --pdb. The X rules ask this model
// instead of looking at single options.

#include <optional>
#include <string>
#include <string_view>

#include "paralint/rules/rule.hpp"

namespace paralint::rules {

// xdist releases whose resolution differs (CHANGELOG of pytest-dev/pytest-xdist).
// 3.6.0 (#937, PR #938): -d is applied first, "-n 0" forces dist "no", and --pdb is refused
// only when tests are really distributed; before it any dist mode other than "no" refused it.
inline constexpr Version kPdbCheckedAgainstWorkers{3, 6, 0};

struct XdistPlugin {
  const ComponentSchema* component = nullptr;
  Presence presence = Presence::Unknown;
  Version version;

  // Installed, or of unknown presence (then a verdict is conditional).
  [[nodiscard]] bool active() const { return component != nullptr && presence != Presence::Absent; }
  [[nodiscard]] bool unknown() const { return presence == Presence::Unknown; }
  // "pytest-xdist 3.1.0"
  [[nodiscard]] std::string describe() const;
};

enum class WorkerRequest {
  NotGiven,  // no -n
  Auto,      // -n auto / -n logical: one worker per CPU, at least one
  Count,     // -n N
};

struct XdistRun {
  XdistPlugin plugin;
  // The option argparse keeps for each destination (the last one written), or null.
  const ParsedOption* numprocesses = nullptr;
  const ParsedOption* dist = nullptr;
  const ParsedOption* distload = nullptr;  // -d
  const ParsedOption* maxprocesses = nullptr;
  const ParsedOption* first_tx = nullptr;
  const ParsedOption* usepdb = nullptr;
  const ParsedOption* trace = nullptr;

  WorkerRequest request = WorkerRequest::NotGiven;
  long long count = 0;  // -n N
  // What xdist ends with.
  std::string dist_mode = "no";
  bool distributes = false;          // dist mode is not "no" and there are workers
  std::optional<long long> workers;  // how many start, when the config alone says
  bool pdb_refused = false;          // UsageError: --pdb is incompatible with distributing tests
  bool pdb_zeroes_auto = false;      // -n auto/logical + --pdb: xdist sets 0 workers
};

// Whether pytest-xdist is there to read the options, and at which release.
XdistPlugin xdist_plugin(const CheckContext& context);

// nullopt when xdist is absent, when --collect-only makes xdist stand aside, or when a value
// it reads is one argparse refuses (an unknown --dist choice, a -n that is not a number):
// other rules report those, and nothing certain follows from them.
std::optional<XdistRun> resolve_xdist_run(const CheckContext& context);

// int(text) as Python reads a str: surrounding whitespace, a sign, digits with single
// underscores between them. nullopt where Python raises ValueError (and for non-ASCII
// digits, which Python accepts but nobody writes).
std::optional<long long> python_int(std::string_view text);

// The last option written for a destination of `component`, or null; options of an absent
// component or of another release are not there for argparse to store.
const ParsedOption* last_active(const ParsedAddopts& addopts, std::string_view component, std::string_view dest);

// For a verdict that holds only if pytest-xdist is installed: one severity lower, and the
// message says why.
void qualify_unknown_presence(Diagnostic& diagnostic, const XdistPlugin& plugin);

// Whether the option was written in the config file (not in PYTEST_ADDOPTS), so that a
// diagnostic can point at it.
bool in_config(const ParsedAddopts& addopts, const ParsedOption& option);

// The option that starts the workers, for messages: the -n written (unless it asks for
// none), else the first --tx; null when neither is there.
const ParsedOption* workers_option(const XdistRun& run);

// Why no worker starts, for messages ("no -n or --tx starts any worker"); empty when some do.
std::string why_no_workers(const ParsedAddopts& addopts, const XdistRun& run);

// An option with its value as argv holds it, for messages: "-n 4", "--dist=loadscope".
std::string written(const ParsedAddopts& addopts, const ParsedOption& option);

}  // namespace paralint::rules
