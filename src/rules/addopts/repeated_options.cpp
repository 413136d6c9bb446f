// A008 duplicate-or-conflicting-option: options written twice or against each other. For a
// "store" option argparse keeps the last value, so the earlier one does nothing; -v counts
// up and -q counts down the same verbosity; -p NAME and -p no:NAME apply in order.

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string_view>
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
  std::set<std::pair<std::string_view, std::optional<std::string_view>>> seen;
  for (const auto* option : group) {
    const auto value = option->value ? std::optional<std::string_view>(*option->value) : std::nullopt;
    if (seen.emplace(option->flag, value).second) continue;
    auto& diagnostic =
        sink.report("A008", location_of(context, context.addopts.tokens[option->first_token], option->span),
                    "`" + written(context, *option) + "` is given twice; " + option->flag +
                        " collects its arguments, so the second adds the same one again");
    diagnostic.severity = Severity::Info;
    diagnostic.help = "remove the repetition";
  }
}

// "-p no:xdist" and "-p xdist" name the same plugin; pytest blocks NAME and pytest_NAME.
std::string plugin_key(const std::string& name) { return name.starts_with("pytest_") ? name.substr(7) : name; }

void report_plugin_conflicts(const CheckContext& context, DiagnosticSink& sink) {
  const auto& plugins = context.addopts.plugin_arguments;
  // Each -p from the config against the next one naming the same plugin, found from the end.
  std::vector<std::optional<std::size_t>> next_same(plugins.size());
  std::map<std::string, std::size_t> nearest_later;
  for (std::size_t i = plugins.size(); i-- > 0;) {
    if (context.addopts.tokens[plugins[i].token].from_environment) continue;
    auto [found, inserted] = nearest_later.try_emplace(plugin_key(plugins[i].name), i);
    if (!inserted) {
      next_same[i] = found->second;
      found->second = i;
    }
  }
  const auto text = [](const PluginArgument& plugin) {
    return "-p " + std::string(plugin.disables ? "no:" : "") + plugin.name;
  };
  for (std::size_t i = 0; i < plugins.size(); ++i) {
    if (!next_same[i]) continue;
    const auto& earlier = plugins[i];
    const auto& later = plugins[*next_same[i]];
    const auto message = earlier.disables == later.disables
                             ? "`" + text(earlier) + "` is given again later in addopts; this one does nothing"
                             : "`" + text(earlier) + "` and the later `" + text(later) +
                                   "` contradict each other: pytest applies them in order, so the plugin ends up " +
                                   (later.disables ? "disabled" : "enabled");
    auto& diagnostic =
        sink.report("A008", location_of(context, context.addopts.tokens[earlier.token], earlier.span), message);
    diagnostic.help = "keep the one you mean";
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
