// X011 parallel-profile-missing: the config makes pytest-xdist mandatory (required_plugins)
// but never starts a worker, so every plain `pytest` run is serial. Only required_plugins
// counts: a dependency list says what is installed, not how the suite is meant to run.

#include <algorithm>

#include "paralint/read/shlex.hpp"
#include "rules/xdist/xdist.hpp"
#include "rules/xdist/xdist_run.hpp"

namespace paralint::rules {

namespace {

// The distribution name at the start of a requirement ("pytest-xdist>=3.2" → "pytest-xdist").
std::string_view requirement_name(std::string_view item) {
  const auto end = item.find_first_of("<>=!~;[ @(");
  return item.substr(0, end);
}

bool requires_xdist(const ConfigEntry& entry, const ComponentSchema& xdist) {
  std::vector<std::string> items;
  if (entry.value.is_string()) {
    for (auto& token : shlex_split(entry.value.string).tokens) items.push_back(std::move(token.text));
  } else {
    for (const auto& item : entry.value.items) {
      if (item.is_string()) items.push_back(item.string);
    }
  }
  return std::any_of(items.begin(), items.end(), [&](const std::string& item) {
    return normalize_distribution_name(requirement_name(item)) == xdist.name;
  });
}

}  // namespace

void check_parallel_profile_missing(const CheckContext& context, DiagnosticSink& sink) {
  const auto run = resolve_xdist_run(context);
  if (!run || run->plugin.presence != Presence::Installed) return;
  if (run->numprocesses != nullptr || run->first_tx != nullptr || run->dist != nullptr || run->distload != nullptr)
    return;
  const auto* entry = context.config.find("required_plugins");
  if (entry == nullptr || !requires_xdist(*entry, *run->plugin.component)) return;
  const bool groups = std::any_of(context.project.marker_uses.begin(), context.project.marker_uses.end(),
                                  [](const SourceMention& use) { return use.name == "xdist_group"; });
  auto& diagnostic = sink.report("X011", context.at(entry->key_span),
                                 "required_plugins makes pytest-xdist mandatory, but addopts starts no worker: a plain "
                                 "`pytest` run is serial (only -n on the command line distributes)");
  diagnostic.help = std::string("add -n auto to addopts") +
                    (groups ? " --dist loadgroup (the tests use xdist_group)" : "") +
                    "; a -n on the command line still overrides it, and --pdb turns -n auto into 0 workers";
}

}  // namespace paralint::rules
