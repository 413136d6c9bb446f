// K001 unknown-ini-key, K002 key-of-missing-plugin, K004 key-not-in-version,
// K005 key-case-mismatch: keys pytest does not know in the target. pytest checks every key
// of the chosen section against what the core, the loaded plugins and conftest files
// registered (Config._validate_config_options) and warns "Unknown config option: KEY"
// for each other one; the setting has no effect. The four rules say why the key is unknown.

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>
#include <cctype>

#include "paralint/util/spelling.hpp"
#include "rules/keys/key_facts.hpp"
#include "rules/keys/keys.hpp"

namespace paralint::rules::keys {

namespace {

// Case and - versus _ ignored: how near-misses are compared.
std::string folded(std::string_view key) {
  std::string out(key);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return c == '-' ? '_' : static_cast<char>(std::tolower(c)); });
  return out;
}

// Every key name any schema or the project knows, with any release's spelling, each beside
// its folded form; made once per check, not once per unknown key.
struct KnownKeys {
  std::vector<std::string> names;
  std::vector<std::string> folded;
  // Command-line options by folded flag and by dest: (position in schema order, how shown).
  std::unordered_map<std::string, std::pair<std::size_t, std::string>> options_by_flag;
  std::unordered_map<std::string, std::pair<std::size_t, std::string>> options_by_dest;
};

KnownKeys every_known_key(const CheckContext& context) {
  std::vector<std::string> names;
  for (const auto& component : context.schemas.components()) {
    for (const auto& entry : component.ini) {
      names.push_back(entry.name);
      for (const auto& alias : entry.aliases) names.push_back(alias.name);
    }
  }
  for (const auto& registered : context.project.ini_keys) names.push_back(registered.name);
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  KnownKeys known{std::move(names), {}, {}, {}};
  known.folded.reserve(known.names.size());
  for (const auto& name : known.names) known.folded.push_back(folded(name));
  std::size_t position = 0;
  for (const auto& component : context.schemas.components()) {
    for (const auto& option : component.options) {
      const auto shown = option.display_names() + (component.is_core() ? "" : " (" + component.name + ")");
      for (const auto& name : option.names) known.options_by_flag.emplace(folded(name), std::pair(position, shown));
      known.options_by_dest.emplace(option.dest, std::pair(position, shown));
      ++position;
    }
  }
  return known;
}

// How a suggested key relates to the target: "", " (pytest-timeout)", " (pytest-asyncio, not installed)".
std::string owner_note(const CheckContext& context, std::string_view key) {
  const auto owners = context.owners_of_key(key);
  if (owners.empty()) return {};
  const auto& owner = owners.front();
  if (owner.component == nullptr) return " (registered by the project)";
  std::string note;
  if (!owner.component->is_core()) note = owner.component->name;
  if (!owner.exists_in_version) {
    note += (note.empty() ? "" : ", ") + std::string("not in ") + component_label(context, *owner.component);
  } else if (owner.presence == Presence::Absent) {
    note += ", not installed";
  } else if (owner.presence == Presence::Unknown) {
    note += ", presence unknown";
  }
  return note.empty() ? note : " (" + note + ")";
}

// The closest known key by edit distance (case and -/_ ignored), when close enough to be a typo.
std::optional<std::string> closest_key(const KnownKeys& known, std::string_view key) {
  const auto wanted = folded(key);
  const std::size_t limit = std::max<std::size_t>(1, std::min<std::size_t>(3, wanted.size() / 4));
  std::optional<std::string> best;
  std::size_t best_distance = limit + 1;
  for (std::size_t i = 0; i < known.names.size(); ++i) {
    const auto& candidate = known.folded[i];
    // Lengths further apart than the limit cannot be within it: skip the table.
    if (candidate.size() + limit < wanted.size() || wanted.size() + limit < candidate.size()) continue;
    const auto distance = edit_distance(wanted, candidate);
    if (distance < best_distance) {
      best = known.names[i];
      best_distance = distance;
    }
  }
  return best;
}

// A command-line option with the key's name: `capture = no` meant as --capture=no.
// The first option in schema order whose flag or dest matches.
std::optional<std::string> option_named_like(const KnownKeys& known, std::string_view key) {
  const auto by_flag = known.options_by_flag.find(folded("--" + std::string(key)));
  const auto by_dest = known.options_by_dest.find(std::string(key));
  const auto* flag = by_flag == known.options_by_flag.end() ? nullptr : &by_flag->second;
  const auto* dest = by_dest == known.options_by_dest.end() ? nullptr : &by_dest->second;
  if (flag == nullptr && dest == nullptr) return std::nullopt;
  if (flag == nullptr || (dest != nullptr && dest->first < flag->first)) return dest->second;
  return flag->second;
}

// A key with the same name apart from case: `Addopts` for `addopts`.
std::optional<std::string> same_but_case(const CheckContext& context, const KnownKeys& known, std::string_view key) {
  std::optional<std::string> found;
  for (const auto& name : known.names) {
    if (name == key || ascii_lower(name) != ascii_lower(key)) continue;
    // Prefer a name pytest knows in the target over one of an absent plugin.
    const auto owners = context.owners_of_key(name);
    const bool active =
        !owners.empty() && owners.front().exists_in_version && owners.front().presence == Presence::Installed;
    if (!found || active) found = name;
    if (active) break;
  }
  return found;
}

// When the key exists in another release of the component: "added in pytest 9.0.0".
std::string release_note(const CheckContext& context, const ComponentSchema& component, std::string_view key) {
  std::optional<Version> first;
  std::optional<Version> gone;
  bool forever = false;
  for (const auto& entry : component.ini) {
    std::optional<Version> since;
    if (entry.name == key) {
      since = entry.availability.since;
    } else {
      const auto alias =
          std::find_if(entry.aliases.begin(), entry.aliases.end(), [&](const IniAlias& a) { return a.name == key; });
      if (alias == entry.aliases.end()) continue;
      since = alias->since ? alias->since : entry.availability.since;
    }
    const auto begin = since.value_or(component.releases.front());
    if (!first || begin < *first) first = begin;
    if (!entry.availability.removed) forever = true;
    if (entry.availability.removed && (!gone || *gone < *entry.availability.removed)) gone = entry.availability.removed;
  }
  const auto version = context.version_of(component);
  const auto prefix = component.is_core() ? "pytest " : component.name + " ";
  if (first && version < *first) return "added in " + prefix + first->str();
  if (!forever && gone && *gone <= version) return "removed in " + prefix + gone->str();
  return "not registered by " + component_label(context, component);
}

// Another name the same setting has in the modelled release (xfail_strict ↔ strict_xfail),
// or a command-line flag that does the job there (--strict-markers on pytest 8).
std::optional<std::string> spelling_in_version(const CheckContext& context, const ComponentSchema& component,
                                               std::string_view key) {
  const auto version = context.version_of(component);
  for (const auto& entry : component.ini) {
    std::vector<std::string> names{entry.name};
    for (const auto& alias : entry.aliases) names.push_back(alias.name);
    if (std::find(names.begin(), names.end(), key) == names.end()) continue;
    for (const auto& name : names) {
      const auto* other = name != key ? component.find_ini(name, version) : nullptr;
      if (other != nullptr && other->availability.in(version)) {
        return fmt::format("{} calls this setting `{}`", component_label(context, component), name);
      }
    }
  }
  const auto flag = folded("--" + std::string(key));
  for (const auto& option : component.options) {
    if (!option.availability.in(version) || option.action != "store_true") continue;
    for (const auto& name : option.names) {
      if (folded(name) == flag) {
        return fmt::format("on {} use `{}` in addopts instead", component_label(context, component), name);
      }
    }
  }
  return std::nullopt;
}

void escalate(Diagnostic& diagnostic, const UnknownKeyOutcome& outcome) {
  if (outcome.fatal) diagnostic.severity = Severity::Error;
}

void report_unknown(const CheckContext& context, const KnownKeys& known, DiagnosticSink& sink,
                    const ConfigEntry& entry, const UnknownKeyOutcome& outcome) {
  if (const auto proper = same_but_case(context, known, entry.key)) {
    auto& diagnostic =
        sink.report("K005", context.at(entry.key_span),
                    fmt::format("`{}` is not `{}`{}: pytest keys are case-sensitive, so {}, and `{}` keeps its default",
                                entry.key, *proper, owner_note(context, *proper), outcome.text, *proper));
    escalate(diagnostic, outcome);
    if (context.config.find(*proper) != nullptr) {
      diagnostic.help =
          fmt::format("`{}` is also set in this section: merge the two and delete `{}`", *proper, entry.key);
    } else {
      diagnostic.help = fmt::format("rename the key to `{}`", *proper);
      diagnostic.fix = Fix{Applicability::Safe,
                           fmt::format("rename `{}` to `{}`", entry.key, *proper),
                           {Edit{context.config.source, entry.key_span, *proper}}};
    }
    return;
  }
  std::string message = fmt::format("`{}` is not a config key of {} or of any plugin paralint knows: {}", entry.key,
                                    "pytest " + context.target.pytest().str(), outcome.text);
  std::string help;
  if (const auto option = option_named_like(known, entry.key)) {
    help = fmt::format("`{}` is a command-line option ({}), not a config key: put it in addopts", entry.key, *option);
  } else if (const auto close = closest_key(known, entry.key)) {
    message += fmt::format("; did you mean `{}`{}?", *close, owner_note(context, *close));
    help = fmt::format("rename it to `{}` if that is what it means, otherwise delete it", *close);
  } else {
    help = "delete it, or register it (parser.addini in a conftest.py or plugin)";
  }
  auto& diagnostic = sink.report("K001", context.at(entry.key_span), std::move(message));
  diagnostic.help = std::move(help);
  escalate(diagnostic, outcome);
  allow_for_unseen_code(context, diagnostic);
}

void report_missing_plugin(const CheckContext& context, DiagnosticSink& sink, const ConfigEntry& entry,
                           const KeyOwner& owner, const UnknownKeyOutcome& outcome) {
  const auto& plugin = owner.component->name;
  if (owner.presence == Presence::Unknown) {
    auto& diagnostic =
        sink.report("K002", context.at(entry.key_span),
                    fmt::format("`{}` is a {} key, and {} is {}: where it is missing, {}", entry.key, plugin, plugin,
                                absence_reason(context, *owner.component), outcome.text));
    diagnostic.help =
        fmt::format("declare {} (a dependency or required_plugins), or run paralint with --python", plugin);
    escalate(diagnostic, outcome);
    diagnostic.severity = lowered(diagnostic.severity);
    return;
  }
  auto& diagnostic = sink.report("K002", context.at(entry.key_span),
                                 fmt::format("`{}` is a {} key, and {} is {}: {}", entry.key, plugin, plugin,
                                             absence_reason(context, *owner.component), outcome.text));
  diagnostic.help = fmt::format("install {} and add it to required_plugins, or delete the key", plugin);
  escalate(diagnostic, outcome);
}

void report_not_in_version(const CheckContext& context, DiagnosticSink& sink, const ConfigEntry& entry,
                           const KeyOwner& owner, const UnknownKeyOutcome& outcome) {
  const auto& component = *owner.component;
  auto& diagnostic =
      sink.report("K004", context.at(entry.key_span),
                  fmt::format("`{}` is not a key of {} ({}): {}", entry.key, component_label(context, component),
                              release_note(context, component, entry.key), outcome.text));
  if (const auto other = spelling_in_version(context, component, entry.key)) {
    diagnostic.help = *other;
  } else {
    diagnostic.help = fmt::format("delete it, or require a release of {} that has it", component.name);
  }
  escalate(diagnostic, outcome);
}

}  // namespace

void check_unknown_keys(const CheckContext& context, DiagnosticSink& sink) {
  if (context.config.parse_error || !context.config.source) return;
  std::optional<KnownKeys> known;  // made at the first unknown key
  for (const auto& entry : context.config.ini) {
    const auto owners = context.owners_of_key(entry.key);
    if (!owners.empty()) {
      const auto& best = owners.front();
      if (best.exists_in_version && best.presence == Presence::Installed) continue;  // core, plugin or project
    }
    const auto outcome = unknown_key_outcome(context, entry.key);
    if (owners.empty()) {
      if (!known) known = every_known_key(context);
      report_unknown(context, *known, sink, entry, outcome);
    } else if (owners.front().presence == Presence::Installed) {
      report_not_in_version(context, sink, entry, owners.front(), outcome);
    } else {
      report_missing_plugin(context, sink, entry, owners.front(), outcome);
    }
  }
}

}  // namespace paralint::rules::keys
