// A002 unknown-option and A003 option-of-missing-plugin: argparse stops on an option no
// registered parser has ("unrecognized arguments", exit 4), whether nobody ever had it, the
// modelled release of its component does not, or its plugin is missing or disabled.

#include <algorithm>
#include <set>

#include "paralint/util/spelling.hpp"
#include "rules/addopts/addopts.hpp"
#include "rules/config_edits.hpp"
#include "rules/addopts/argv_facts.hpp"

namespace paralint::rules {

namespace {

using addopts::location_of;

struct KnownName {
  std::string name;
  const ComponentSchema* component = nullptr;  // null: the project registers it
};

std::vector<KnownName> every_option_name(const CheckContext& context) {
  std::vector<KnownName> names;
  for (const auto& component : context.schemas.components()) {
    for (const auto& option : component.options) {
      for (const auto& name : option.names) names.push_back({name, &component});
    }
  }
  for (const auto& option : context.project.options) names.push_back({option.where.name, nullptr});
  return names;
}

// A typo: few edits for the length (one for short names, two from 9 bytes, three from 17).
const KnownName* closest_spelling(const std::vector<KnownName>& names, std::string_view flag) {
  const std::size_t allowed = flag.size() > 16 ? 3 : flag.size() > 8 ? 2 : 1;
  const KnownName* best = nullptr;
  std::size_t best_distance = allowed + 1;
  for (const auto& known : names) {
    const auto distance = edit_distance(flag, known.name);
    if (distance < best_distance) {
      best = &known;
      best_distance = distance;
    }
  }
  return best;
}

std::set<std::string> words_of(std::string_view flag) {
  std::set<std::string> words;
  std::string word;
  for (const char c : flag) {
    if (c == '-' || c == '_' || c == '=') {
      if (word.size() >= 3) words.insert(word);
      word.clear();
    } else {
      word += c;
    }
  }
  if (word.size() >= 3) words.insert(word);
  return words;
}

// Not a typo but an invention that borrows a component's vocabulary
// ("--worker-restart-delay" beside xdist's "--max-worker-restart"): two shared words.
const KnownName* related_name(const std::vector<KnownName>& names, std::string_view flag) {
  const auto wanted = words_of(flag);
  const KnownName* best = nullptr;
  std::size_t best_shared = 1;
  for (const auto& known : names) {
    const auto theirs = words_of(known.name);
    const auto shared = static_cast<std::size_t>(
        std::count_if(wanted.begin(), wanted.end(), [&](const std::string& word) { return theirs.contains(word); }));
    if (shared > best_shared) {
      best = &known;
      best_shared = shared;
    }
  }
  return best;
}

std::string owner_label(const KnownName& known) {
  return known.component != nullptr ? known.component->name : "this project's conftest";
}

std::string release_range(const ComponentSchema& component) {
  return component.releases.front().str() + "–" + component.newest().str();
}

// Warnings instead of errors where the option may come from what paralint cannot see.
void hedge(Diagnostic& diagnostic, const std::string& unseen) {
  if (unseen.empty()) return;
  diagnostic.severity = Severity::Warning;
  diagnostic.message += " — unless it comes from " + unseen;
}

void report_unknown(const CheckContext& context, DiagnosticSink& sink, const UnknownOption& unknown,
                    const std::vector<KnownName>& names, const std::string& unseen) {
  const auto& token = context.addopts.tokens[unknown.token];
  const auto& core = context.schemas.core();
  const auto plugins = std::to_string(context.schemas.components().size() - 1);
  const auto* typo = closest_spelling(names, unknown.flag);
  const auto* related = typo == nullptr ? related_name(names, unknown.flag) : nullptr;
  std::string message;
  if (typo != nullptr) {
    message = "no release of pytest or of a plugin paralint knows has `" + unknown.flag + "` (did you mean `" +
              typo->name + "` of " + owner_label(*typo) + "?)";
  } else if (related != nullptr && related->component != nullptr && !related->component->is_core()) {
    const auto& owner = *related->component;
    message = "no release of " + owner.name + " (" + release_range(owner) +
              "), of pytest or of another plugin paralint " + "knows has `" + unknown.flag + "` (" + owner.name +
              " has `" + related->name + "`)";
  } else {
    message = "no release of pytest (" + release_range(core) + ") or of the " + plugins +
              " plugins paralint has schemas for has `" + unknown.flag + "`";
  }
  message +=
      ": pytest " + context.target.pytest().str() + " stops with `unrecognized arguments: " + token.text + "` (exit 4)";
  auto& diagnostic = sink.report("A002", location_of(context, token, unknown.span), message);
  diagnostic.help = "remove it, or install and declare (required_plugins) the plugin that provides it";
  hedge(diagnostic, unseen);
  // The spelling fix only where the flag is written bare (a quoted token's span has quotes).
  const bool bare = unknown.span.size() == unknown.flag.size() && !token.from_environment;
  if (typo != nullptr && bare) {
    diagnostic.fix = Fix{Applicability::Unsafe,
                         "replace with `" + typo->name + "`",
                         {{context.config.source, unknown.span, typo->name}}};
  } else if (token.text == unknown.flag || token.text.starts_with(unknown.flag + "=")) {  // the token is the option
    auto edit = comment_out_arguments(context, "A002", unknown.token, unknown.token,
                                      "no release of pytest or of a plugin paralint knows has it");
    if (!edit) return;
    diagnostic.fix = Fix{Applicability::Unsafe, "take out `" + token.text + "`, kept as a comment", {*edit}};
  }
}

std::string version_gap(const CheckContext& context, const ParsedOption& option) {
  const auto& availability = option.option->availability;
  const auto release = addopts::release_of(context, option);
  const auto& name = option.component->name;
  const auto modelled = addopts::component_release(*option.component, release);
  if (availability.removed && *availability.removed <= release) {
    return "`" + option.flag + "` was removed in " + name + " " + availability.removed->str() +
           " (modelled: " + modelled + ")";
  }
  const auto since = availability.since ? availability.since->str() : std::string("?");
  return "`" + option.flag + "` needs " + name + " " + since + " or newer (modelled: " + modelled + ")";
}

const PluginArgument* disabling_argument(const CheckContext& context, const ComponentSchema& component) {
  for (const auto& plugin : context.addopts.plugin_arguments) {
    for (const auto& entry_point : component.entry_points) {
      if (plugin.disables && plugin_block_matches(plugin.name, entry_point)) return &plugin;
    }
  }
  return nullptr;
}

std::string why_absent(const CheckContext& context, const ComponentSchema& component) {
  if (const auto* plugin = disabling_argument(context, component))
    return "which `-p no:" + plugin->name + "` disables here";
  if (context.target.knowledge == PluginKnowledge::Interpreter) {
    return "which is not installed in " + context.target.interpreter.value_or("the target interpreter");
  }
  return "which is not among the plugins given with --plugins";
}

void report_option(const CheckContext& context, DiagnosticSink& sink, const ParsedOption& option) {
  const auto& token = context.addopts.tokens[option.first_token];
  const auto& component = *option.component;
  const std::string stops = "pytest stops with `unrecognized arguments: " + token.text + "` (exit 4)";
  const auto location = location_of(context, token, option.span);
  if (option.owner == OptionOwner::Absent) {
    auto& diagnostic = sink.report("A003", location,
                                   "`" + option.flag + "` is an option of " + component.name + ", " +
                                       why_absent(context, component) + ": " + stops);
    diagnostic.help = disabling_argument(context, component) != nullptr
                          ? "remove the option or the `-p no:` that disables its plugin"
                          : "install " + component.name +
                                " and list it in required_plugins (pytest then names a missing "
                                "plugin instead of failing on its options), or remove the option";
    diagnostic.fix =
        take_out_option(context, "A003", option, "an option of " + component.name + ", " + why_absent(context, component));
    return;
  }
  if (!option.exists_in_version) {
    auto& diagnostic = sink.report("A002", location, version_gap(context, option) + ": " + stops);
    diagnostic.help = option.option->availability.deprecation.empty()
                          ? "remove it, or require a release of " + component.name + " that has it"
                          : option.option->availability.deprecation;
    if (option.presence == Presence::Unknown) {
      diagnostic.severity = Severity::Warning;
      diagnostic.message += " — if " + component.name + " is installed at all (nothing declares it), at that release";
    }
    diagnostic.fix = take_out_option(context, "A002", option, version_gap(context, option));
    return;
  }
  if (option.presence == Presence::Unknown) {
    auto& diagnostic = sink.report("A003", location,
                                   "`" + option.flag + "` is an option of " + component.name +
                                       ", and nothing tells paralint whether it is installed (not in required_plugins "
                                       "or the project's dependencies): "
                                       "without it " +
                                       stops);
    diagnostic.severity = Severity::Warning;
    diagnostic.help = "declare it: `required_plugins = " + component.name +
                      "` makes pytest name the missing plugin instead of failing on its options";
  }
}

}  // namespace

void check_option_providers(const CheckContext& context, DiagnosticSink& sink) {
  const auto& parsed = context.addopts;
  const auto unseen = addopts::unseen_sources(context);
  const auto names = every_option_name(context);
  for (const auto& unknown : parsed.unknown) report_unknown(context, sink, unknown, names, unseen);
  for (const auto& option : parsed.options) {
    if (option.component == nullptr || (option.component->is_core() && option.exists_in_version)) continue;
    if (addopts::is_multiword_element(context, option.first_token)) continue;  // A006 explains it
    report_option(context, sink, option);
  }
}

}  // namespace paralint::rules
