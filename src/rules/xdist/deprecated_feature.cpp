// X007 deprecated-xdist-feature: rsync and loop-on-fail are deprecated since pytest-xdist
// 3.0.2 (removal announced for 4.0). xdist warns at configure time
// (plugin.py::pytest_configure), through Config.issue_config_time_warning, so a
// `filterwarnings = error` turns the warning into an INTERNALERROR (F004 reports that).
// -f/--looponfail in addopts is worse: the run never ends.

#include "paralint/read/shlex.hpp"
#include "rules/filterwarnings/warning_filters.hpp"
#include "rules/xdist/xdist.hpp"
#include "rules/xdist/xdist_run.hpp"

namespace paralint::rules {

namespace {

constexpr std::string_view kXdist = "pytest-xdist";

std::string one_line(std::string_view text) {
  std::string out(text);
  for (auto& c : out) {
    if (c == '\n') c = ' ';
  }
  return out;
}

// What pytest does with the DeprecationWarning, in words for the message. F004 reports the
// filters that make it fatal; here it is only said.
void describe_outcome(const CheckContext& context, const Availability& availability, Diagnostic& diagnostic) {
  if (context.addopts.disables("warnings")) {
    diagnostic.message += " (not shown here: -p no:warnings drops config-time warnings)";
    return;
  }
  StartupWarning warning;
  warning.categories = {"DeprecationWarning", "Warning"};
  warning.message = availability.deprecation;
  warning.module = "xdist.plugin";  // issue_config_time_warning(warning, 2) from xdist/plugin.py
  const auto decision = decide(read_filters(context), warning, context.target.pytest());
  if (!decision.certain) return;
  if (decision.action == "error") {
    diagnostic.message += "; the filterwarnings here make it an error that stops pytest (exit 3, see F004)";
  } else if (decision.action == "ignore") {
    diagnostic.message += " (hidden by the filterwarnings here)";
  }
}

// paths-type ini values are shlex-split; an empty list is falsy and xdist does not warn.
bool has_paths(const Value& value) {
  if (value.is_string()) return !shlex_split(value.string).tokens.empty();
  return !value.items.empty();
}

// --rsyncignore and rsyncignore: part of the deprecated rsync feature, without a warning.
std::string rsync_companion(const std::string& what, const OptionSchema& rsync) {
  return what + " belongs to the rsync feature deprecated since pytest-xdist " + rsync.availability.deprecated->str() +
         " (xdist warns only for --rsyncdir/rsyncdirs): `" + one_line(rsync.availability.deprecation) + "`";
}

void report_looponfail(const CheckContext& context, const XdistPlugin& plugin, DiagnosticSink& sink) {
  const auto* looponfail = last_active(context.addopts, kXdist, "looponfail");
  if (looponfail == nullptr || !in_config(context.addopts, *looponfail)) return;
  const bool pdb = last_active(context.addopts, "pytest", "usepdb") != nullptr;
  // xdist/looponfail.py::pytest_cmdline_main: it refuses --pdb, else it loops until Ctrl-C.
  auto& diagnostic =
      sink.report("X007", context.at(looponfail->span),
                  pdb ? written(context.addopts, *looponfail) +
                            " with --pdb: pytest stops with `ERROR: --pdb is incompatible with --looponfail.` (exit 4)"
                      : written(context.addopts, *looponfail) +
                            " in addopts makes every run wait for file changes after the tests and never "
                            "exit: a CI job hangs until it is killed");
  diagnostic.severity = Severity::Error;
  diagnostic.help =
      "remove it from addopts; loop-on-fail is deprecated since pytest-xdist 3.0.2 and will be removed "
      "in 4.0 (pytest-watcher or a file watcher around pytest does the same)";
  qualify_unknown_presence(diagnostic, plugin);
}

void report_deprecated_options(const CheckContext& context, const XdistPlugin& plugin, DiagnosticSink& sink) {
  const auto* rsync = plugin.component->find_option("--rsyncdir", plugin.version);
  for (const std::string_view dest : {"rsyncdir", "rsyncignore"}) {
    for (const auto* option : context.addopts.all_dest(kXdist, dest)) {
      if (option->owner != OptionOwner::Active || !option->exists_in_version || !in_config(context.addopts, *option))
        continue;
      const auto& availability = option->option->availability;
      if (availability.deprecated_in(plugin.version)) {
        auto& diagnostic = sink.report("X007", context.at(option->span),
                                       written(context.addopts, *option) + " is deprecated since pytest-xdist " +
                                           availability.deprecated->str() + ": " + plugin.describe() +
                                           " warns `DeprecationWarning: " + one_line(availability.deprecation) + "`");
        diagnostic.help = "remove it: rsync is only for remote --tx workers, and xdist 4.0 removes it";
        describe_outcome(context, availability, diagnostic);
        qualify_unknown_presence(diagnostic, plugin);
      } else if (rsync != nullptr && dest == "rsyncignore" && rsync->availability.deprecated_in(plugin.version)) {
        auto& diagnostic =
            sink.report("X007", context.at(option->span), rsync_companion(written(context.addopts, *option), *rsync));
        diagnostic.severity = Severity::Info;
        diagnostic.help = "remove it together with --rsyncdir";
        qualify_unknown_presence(diagnostic, plugin);
      }
    }
  }
}

// The ini keys: rsyncdirs and looponfailroots warn; rsyncignore belongs to the same rsync
// feature but xdist does not warn for it.
void report_deprecated_keys(const CheckContext& context, const XdistPlugin& plugin, DiagnosticSink& sink) {
  const auto* rsync = plugin.component->find_option("--rsyncdir", plugin.version);
  for (const std::string_view name : {"rsyncdirs", "looponfailroots", "rsyncignore"}) {
    const auto* entry = context.config.find(name);
    const auto* key = plugin.component->find_ini(name, plugin.version);
    if (entry == nullptr || key == nullptr || !has_paths(entry->value)) continue;
    const auto& availability = key->availability;
    if (availability.deprecated_in(plugin.version)) {
      auto& diagnostic = sink.report("X007", context.at(entry->key_span),
                                     std::string(name) + " is deprecated since pytest-xdist " +
                                         availability.deprecated->str() + ": " + plugin.describe() +
                                         " warns `DeprecationWarning: " + one_line(availability.deprecation) + "`");
      diagnostic.help = "remove the key; xdist 4.0 removes the feature";
      describe_outcome(context, availability, diagnostic);
      qualify_unknown_presence(diagnostic, plugin);
    } else if (rsync != nullptr && name == "rsyncignore" && rsync->availability.deprecated_in(plugin.version)) {
      auto& diagnostic = sink.report("X007", context.at(entry->key_span), rsync_companion("rsyncignore", *rsync));
      diagnostic.severity = Severity::Info;
      diagnostic.help = "remove the key together with rsyncdirs";
      qualify_unknown_presence(diagnostic, plugin);
    }
  }
}

}  // namespace

void check_deprecated_feature(const CheckContext& context, DiagnosticSink& sink) {
  const auto plugin = xdist_plugin(context);
  if (!plugin.active()) return;
  report_looponfail(context, plugin, sink);
  report_deprecated_options(context, plugin, sink);
  report_deprecated_keys(context, plugin, sink);
}

}  // namespace paralint::rules
