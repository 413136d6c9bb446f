#pragma once
// The marker rules (M…): the `markers` declarations, what enforces them, the `-m`
// expression in addopts, and the marks test code applies.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "paralint/rules/rule.hpp"
#include "rules/config_edits.hpp"

namespace paralint::rules {

void check_marker_declarations(const CheckContext& context, DiagnosticSink& sink);     // M001 M002 M003
void check_parallel_markers(const CheckContext& context, DiagnosticSink& sink);        // M004
void check_strict_markers_missing(const CheckContext& context, DiagnosticSink& sink);  // M005
void check_marker_expression(const CheckContext& context, DiagnosticSink& sink);       // M006
void check_undeclared_markers(const CheckContext& context, DiagnosticSink& sink);      // M007
void check_xdist_group_dist(const CheckContext& context, DiagnosticSink& sink);        // M008

// --- shared facts ---------------------------------------------------------------------------

// Whether pytest knows a marker name when the tests run: MarkGenerator.__getattr__ accepts a
// name that some line of getini("markers") registers (the config's own lines, the project's
// addinivalue_line calls, pytest's and each loaded plugin's).
enum class Registration {
  Registered,     // by the config, the project, pytest, or an installed plugin
  PluginUnknown,  // only by plugins whose presence paralint does not know
  PluginAbsent,   // only by plugins that are not installed (or are disabled with -p no:)
  Unregistered,
};

struct MarkerRegistration {
  Registration state = Registration::Unregistered;
  const ComponentSchema* plugin = nullptr;  // for PluginUnknown / PluginAbsent: the first such plugin
};

MarkerRegistration marker_registration(const CheckContext& context, std::string_view name);

// The component (pytest or a plugin) that registers `name` at the modelled release, whatever
// its presence; null when none does.
const ComponentSchema* marker_owner(const CheckContext& context, std::string_view name);

// Why an absent plugin is absent: "is not installed" or "is disabled by -p no:NAME in addopts".
std::string absence(const CheckContext& context, const ComponentSchema& plugin);

// Whether unknown marks fail collection (strict markers) in the target pytest, and why.
struct StrictMarkers {
  bool enabled = false;
  bool disabled_on_purpose = false;  // strict_markers / strict set to false (pytest >= 9)
  std::string how;                   // what enables it: "--strict-markers in addopts", "strict_markers = true"
  // A setting that asks for strict markers but does nothing in the target version, and why.
  std::optional<std::string> ineffective;
  Span ineffective_span;  // in the chosen config file
};

StrictMarkers strict_markers(const CheckContext& context);

// Where a project-wide finding about code paralint cannot read belongs in a message
// ("…; conftest.py:3: pytest_plugins 'x' is not a file under the rootdir"), or empty.
std::string opaque_note(const CheckContext& context);
// Whether a marker name may be registered by code paralint cannot see: a project plugin it
// could not read, or an installed plugin it has no schema for.
bool registrations_may_be_hidden(const CheckContext& context);

// The candidate nearest to `name` by edit distance (at most 2, and under half the name's
// length), for "did you mean" help; nullopt when none is that close.
std::optional<std::string> closest_name(std::string_view name, const std::vector<std::string>& candidates);

// Severity one step down: what a rule reports when its verdict rests on what it cannot see.
Severity lowered(Severity severity);

// --- edits of the chosen config file ---------------------------------------------------------

// Removes one `markers` declaration: its whole line when it is alone on it (INI continuation
// line, TOML array item on its own line), else the item and its comma. Null when neither fits.
std::optional<Edit> remove_declaration(const CheckContext& context, const MarkerDeclaration& declaration);

}  // namespace paralint::rules
