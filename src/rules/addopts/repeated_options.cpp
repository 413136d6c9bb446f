// A008 duplicate-or-conflicting-option: options written twice or against each other. For a
// "store" option argparse keeps the last value, so the earlier one does nothing; -v counts
// up and -q counts down the same verbosity; -p NAME and -p no:NAME apply in order.

#include <algorithm>
#include <map>
#include <utility>

#include "rules/addopts/addopts.hpp"
#include "rules/addopts/argv_facts.hpp"

namespace paralint::rules {

namespace {

using addopts::location_of;

// The option as written; a flag inside a cluster ("-vs") as itself.
std::string written(const CheckContext& context, const ParsedOption& option) {
  const auto& tokens = context.addopts.tokens;
  if (option.clustered || (!option.value && tokens[option.first_token].text != option.flag)) return option.flag;
  std::string out;
  for (auto index = option.first_token; index <= option.last_token; ++index) {
    out += (out.empty() ? "" : " ") + tokens[index].text;
  }
  return out;
}

bool counts(const ParsedOption& option) {
  return option.option->action == "count" || option.option->action == "MoreQuietAction";
}

bool accumulates(const ParsedOption& option) {
  const auto& action = option.option->action;
  return action == "append" || action == "append_const" || action == "extend";
}

// argparse's own actions that keep only the last value; a plugin's action class (such as
// pytest-cov's StoreReport, which collects every --cov-report) may do anything.
bool keeps_last(const ParsedOption& option) {
  const auto& action = option.option->action;
  return action == "store" || action == "store_true" || action == "store_false" || action == "store_const";
}

void report_verbosity(const CheckContext& context, DiagnosticSink& sink,
                      const std::vector<const ParsedOption*>& group) {
  int up = 0;
  int down = 0;
  for (const auto* option : group) {
    if (option->option->action == "count") ++up;
    if (option->option->action == "MoreQuietAction") ++down;
  }
  if (up == 0 || down == 0) return;
  const auto* last = group.back();
  auto& diagnostic = sink.report("A008", location_of(context, context.addopts.tokens[last->first_token], last->span),
                                 "-v and -q both set the verbosity: -v counts it up and -q down, so these " +
                                     std::to_string(up + down) + " flags leave it at " + std::to_string(up - down));
  diagnostic.help = "keep the one you mean";
}

void report_overridden(const CheckContext& context, DiagnosticSink& sink,
                       const std::vector<const ParsedOption*>& group) {
  const auto* last = group.back();
  const auto last_text = written(context, *last);
  for (std::size_t i = 0; i + 1 < group.size(); ++i) {
    const auto* option = group[i];
    const auto text = written(context, *option);
    const bool same = option->flag == last->flag && option->value == last->value;
    std::string message = "`" + text;
    message +=
        same ? "` is given again later in addopts; this one does nothing"
             : "` has no effect: `" + last_text + "` later in addopts sets the same option, and the last one wins";
    auto& diagnostic =
        sink.report("A008", location_of(context, context.addopts.tokens[option->first_token], option->span), message);
    diagnostic.help = same ? "remove the repetition" : "keep the one you mean";
  }
}

void report_repeated_values(const CheckContext& context, DiagnosticSink& sink,
                            const std::vector<const ParsedOption*>& group) {
  for (std::size_t i = 1; i < group.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (group[i]->flag != group[j]->flag || group[i]->value != group[j]->value) continue;
      const auto text = written(context, *group[i]);
      auto& diagnostic =
          sink.report("A008", location_of(context, context.addopts.tokens[group[i]->first_token], group[i]->span),
                      "`" + text + "` is given twice; " + group[i]->flag +
                          " collects its arguments, so the second adds the same one again");
      diagnostic.severity = Severity::Info;
      diagnostic.help = "remove the repetition";
      break;
    }
  }
}

// "-p no:xdist" and "-p xdist" name the same plugin; pytest blocks NAME and pytest_NAME.
std::string plugin_key(const std::string& name) { return name.starts_with("pytest_") ? name.substr(7) : name; }

void report_plugin_conflicts(const CheckContext& context, DiagnosticSink& sink) {
  const auto& plugins = context.addopts.plugin_arguments;
  for (std::size_t i = 0; i < plugins.size(); ++i) {
    const auto& earlier = plugins[i];
    if (context.addopts.tokens[earlier.token].from_environment) continue;
    for (std::size_t j = i + 1; j < plugins.size(); ++j) {
      const auto& later = plugins[j];
      if (context.addopts.tokens[later.token].from_environment || plugin_key(earlier.name) != plugin_key(later.name))
        continue;
      const auto text = [](const PluginArgument& plugin) {
        return "-p " + std::string(plugin.disables ? "no:" : "") + plugin.name;
      };
      const auto message = earlier.disables == later.disables
                               ? "`" + text(earlier) + "` is given again later in addopts; this one does nothing"
                               : "`" + text(earlier) + "` and the later `" + text(later) +
                                     "` contradict each other: pytest applies them in order, so the plugin ends up " +
                                     (later.disables ? "disabled" : "enabled");
      auto& diagnostic =
          sink.report("A008", location_of(context, context.addopts.tokens[earlier.token], earlier.span), message);
      diagnostic.help = "keep the one you mean";
      break;
    }
  }
}

}  // namespace

void check_repeated_options(const CheckContext& context, DiagnosticSink& sink) {
  const auto& parsed = context.addopts;
  using Key = std::pair<const ComponentSchema*, std::string>;
  std::vector<Key> order;
  std::map<Key, std::vector<const ParsedOption*>> groups;
  for (const auto& option : parsed.options) {
    if (option.option == nullptr || option.owner != OptionOwner::Active || !option.exists_in_version) continue;
    if (parsed.tokens[option.first_token].from_environment || option.option->dest == "plugins") continue;
    const Key key{option.component, option.option->dest};
    auto& group = groups[key];
    if (group.empty()) order.push_back(key);
    group.push_back(&option);
  }
  for (const auto& key : order) {
    const auto& group = groups[key];
    if (group.size() < 2) continue;
    if (std::any_of(group.begin(), group.end(), [](const ParsedOption* option) { return counts(*option); })) {
      report_verbosity(context, sink, group);
    } else if (std::all_of(group.begin(), group.end(),
                           [](const ParsedOption* option) { return accumulates(*option); })) {
      report_repeated_values(context, sink, group);
    } else if (std::all_of(group.begin(), group.end(),
                           [](const ParsedOption* option) { return keeps_last(*option); })) {
      report_overridden(context, sink, group);
    }
  }
  report_plugin_conflicts(context, sink);
}

}  // namespace paralint::rules
