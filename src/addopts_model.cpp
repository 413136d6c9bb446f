#include "paralint/addopts_model.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <map>

#include "paralint/python_text.hpp"

namespace paralint {

namespace {

struct Candidate {
  const ComponentSchema* component = nullptr;
  const OptionSchema* option = nullptr;
  OptionOwner owner = OptionOwner::Active;
  Presence presence = Presence::Installed;
  bool exists_in_version = true;
  Arity arity = Arity::One;
};

// Which entry of a table wins when several components spell the same flag: what argparse
// knows beats what it does not, and the modelled release beats other releases.
int rank(const Candidate& candidate) {
  if (candidate.owner == OptionOwner::Active && candidate.exists_in_version) return 0;
  if (candidate.owner == OptionOwner::Project) return 1;
  if (candidate.owner == OptionOwner::Active) return 2;
  return 3;
}

class OptionTable {
 public:
  void add(const std::string& flag, const Candidate& candidate) {
    auto [it, inserted] = table_.emplace(flag, candidate);
    if (!inserted && rank(candidate) < rank(it->second)) it->second = candidate;
  }
  [[nodiscard]] const Candidate* find(std::string_view flag) const {
    const auto it = table_.find(flag);
    return it == table_.end() ? nullptr : &it->second;
  }
  // Whether argparse itself knows the flag (it rejects the rest as unrecognized).
  [[nodiscard]] bool argparse_knows(std::string_view flag) const {
    const auto* candidate = find(flag);
    return candidate != nullptr && rank(*candidate) <= 1;
  }
  [[nodiscard]] const std::map<std::string, Candidate, std::less<>>& entries() const { return table_; }

 private:
  std::map<std::string, Candidate, std::less<>> table_;
};

bool looks_like_negative_number(std::string_view text) {
  static const RE2 pattern(R"(^-\d+$|^-\d*\.\d+$)");
  return RE2::FullMatch(text, pattern);
}

// The `-p` arguments, found the way pytest's consider_preparse scans argv before parsing.
std::vector<PluginArgument> scan_plugin_arguments(const std::vector<ArgToken>& tokens, bool strips_name) {
  std::vector<PluginArgument> out;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const auto& token = tokens[i];
    if (!token.is_string) continue;
    std::string argument;
    Span span = token.span;
    if (token.text == "-p") {
      if (i + 1 >= tokens.size()) break;
      argument = tokens[i + 1].text;
      span = {token.span.begin, tokens[i + 1].span.end};
      ++i;
    } else if (token.text.starts_with("-p")) {
      argument = token.text.substr(2);
    } else {
      continue;
    }
    if (strips_name) argument = std::string(python::strip(argument));
    PluginArgument plugin;
    plugin.disables = argument.starts_with("no:");
    plugin.name = plugin.disables ? argument.substr(3) : argument;
    plugin.token = i;
    plugin.span = span;
    out.push_back(std::move(plugin));
  }
  return out;
}

bool is_disabled(const ComponentSchema& component, const std::vector<PluginArgument>& plugins) {
  return std::any_of(plugins.begin(), plugins.end(), [&](const PluginArgument& plugin) {
    if (!plugin.disables) return false;
    const auto& names = component.entry_points;
    return std::find(names.begin(), names.end(), plugin.name) != names.end() ||
           std::find(component.short_names.begin(), component.short_names.end(), plugin.name) != component.short_names.end();
  });
}

OptionTable build_table(const SchemaSet& schemas, const Target& target, const std::vector<ProjectOption>& project_options,
                        const std::vector<PluginArgument>& plugins) {
  OptionTable table;
  for (const auto& component : schemas.components()) {
    Candidate base;
    base.component = &component;
    Version version = target.pytest();
    if (!component.is_core()) {
      const auto* state = target.plugin(component.name);
      base.presence = state != nullptr ? state->presence : Presence::Unknown;
      version = state != nullptr ? state->version : component.newest();
      base.owner = base.presence == Presence::Absent || is_disabled(component, plugins) ? OptionOwner::Absent
                                                                                         : OptionOwner::Active;
    }
    for (const auto& option : component.options) {
      Candidate candidate = base;
      candidate.option = &option;
      candidate.arity = option.arity;
      candidate.exists_in_version = option.availability.in(version);
      for (const auto& name : option.names) table.add(name, candidate);
    }
  }
  for (const auto& option : project_options) {
    Candidate candidate;
    candidate.owner = OptionOwner::Project;
    candidate.arity = option.takes_value ? Arity::One : Arity::None;
    table.add(option.name, candidate);
  }
  return table;
}

struct Match {
  const Candidate* candidate = nullptr;
  std::string flag;
  std::optional<std::string> explicit_value;
  std::size_t value_offset = 0;  // where the explicit value starts inside the token
};

// argparse's _parse_optional with allow_abbrev=False: nullopt for a positional, a Match
// without candidate for an option-like string nobody knows.
std::optional<Match> classify(const ArgToken& token, const OptionTable& table) {
  const std::string& text = token.text;
  if (!token.is_string || text.empty() || text[0] != '-') return std::nullopt;
  if (const auto* candidate = table.find(text)) return Match{candidate, text, std::nullopt, 0};
  if (text.size() == 1) return std::nullopt;
  if (const auto equals = text.find('='); equals != std::string::npos) {
    if (const auto* candidate = table.find(std::string_view(text).substr(0, equals))) {
      return Match{candidate, text.substr(0, equals), text.substr(equals + 1), equals + 1};
    }
  }
  if (text[1] != '-') {  // a short flag with its value or more flags attached: -nauto, -vvs
    if (const auto* candidate = table.find(std::string_view(text).substr(0, 2))) {
      return Match{candidate, text.substr(0, 2), text.substr(2), 2};
    }
  }
  if (looks_like_negative_number(text)) return std::nullopt;
  if (text.find(' ') != std::string::npos) return std::nullopt;
  return Match{nullptr, text.substr(0, text.find('=')), std::nullopt, 0};
}

Span token_subspan(const ArgToken& token, std::size_t offset) {
  // A token's span covers its quotes too; only an unquoted token maps offsets 1:1.
  if (token.span.size() == token.text.size()) return {token.span.begin + offset, token.span.end};
  return token.span;
}

}  // namespace

const ParsedOption* ParsedAddopts::find_dest(std::string_view component, std::string_view dest) const {
  const auto all = all_dest(component, dest);
  return all.empty() ? nullptr : all.back();
}

std::vector<const ParsedOption*> ParsedAddopts::all_dest(std::string_view component, std::string_view dest) const {
  std::vector<const ParsedOption*> out;
  for (const auto& option : options) {
    if (option.component != nullptr && option.option != nullptr && option.component->name == component &&
        option.option->dest == dest) {
      out.push_back(&option);
    }
  }
  return out;
}

bool ParsedAddopts::disables(std::string_view plugin_name) const {
  return std::any_of(plugin_arguments.begin(), plugin_arguments.end(),
                     [&](const PluginArgument& plugin) { return plugin.disables && plugin.name == plugin_name; });
}

ParsedAddopts parse_addopts(const EffectiveConfig& config, const SchemaSet& schemas, const Target& target,
                            const std::vector<ProjectOption>& project_options) {
  ParsedAddopts parsed;
  for (const auto& token : config.addopts) {
    ArgToken arg;
    arg.is_string = token.value.is_string();
    arg.text = arg.is_string ? token.value.string : python_str(token.value);
    arg.from_environment = token.from_environment;
    arg.span = token.span;
    parsed.tokens.push_back(std::move(arg));
  }
  // pytest >= 8 strips the name of a `-p NAME` given as one token ("-p no:x" from a list).
  const bool strips_name = target.pytest() >= Version{8, 0, 0};
  parsed.plugin_arguments = scan_plugin_arguments(parsed.tokens, strips_name);
  const auto table = build_table(schemas, target, project_options, parsed.plugin_arguments);

  auto is_value_like = [&](std::size_t index) {
    return index < parsed.tokens.size() && !classify(parsed.tokens[index], table);
  };
  bool only_positionals = false;
  for (std::size_t i = 0; i < parsed.tokens.size(); ++i) {
    const auto& token = parsed.tokens[i];
    if (!only_positionals && token.is_string && token.text == "--") {
      only_positionals = true;
      continue;
    }
    const auto match = only_positionals ? std::nullopt : classify(token, table);
    if (!match) {
      parsed.positionals.push_back(i);
      continue;
    }
    if (match->candidate == nullptr) {
      parsed.unknown.push_back({match->flag, i, token.span});
      continue;
    }
    const auto& candidate = *match->candidate;
    ParsedOption option;
    option.component = candidate.component;
    option.option = candidate.option;
    option.owner = candidate.owner;
    option.presence = candidate.presence;
    option.exists_in_version = candidate.exists_in_version;
    option.flag = match->flag;
    option.first_token = i;
    option.last_token = i;
    option.span = token.span;
    std::optional<std::string> arity_error;
    std::optional<std::string> cluster;  // flags still to read from "-xvs" after "-x"
    switch (candidate.arity) {
      case Arity::None:
        if (match->explicit_value) {
          if (match->flag.starts_with("--") || match->value_offset > 2) {
            arity_error = "ignored explicit argument '" + *match->explicit_value + "'";
          } else {
            cluster = "-" + *match->explicit_value;
          }
        }
        break;
      case Arity::One:
      case Arity::Optional:
        if (match->explicit_value) {
          option.value = match->explicit_value;
          option.value_span = token_subspan(token, match->value_offset);
        } else if (is_value_like(i + 1)) {
          option.value = parsed.tokens[i + 1].text;
          option.value_span = parsed.tokens[i + 1].span;
          option.last_token = ++i;
          option.span.end = parsed.tokens[i].span.end;
        } else if (candidate.arity == Arity::One) {
          arity_error = "expected one argument";
        }
        break;
      case Arity::ZeroOrMore:
      case Arity::OneOrMore:
        if (match->explicit_value) {
          option.value = match->explicit_value;
          option.value_span = token_subspan(token, match->value_offset);
        }
        while (is_value_like(i + 1)) {
          option.value = option.value ? *option.value + " " + parsed.tokens[i + 1].text : parsed.tokens[i + 1].text;
          option.last_token = ++i;
          option.span.end = parsed.tokens[i].span.end;
        }
        if (!option.value && candidate.arity == Arity::OneOrMore) arity_error = "expected at least one argument";
        break;
    }
    if (arity_error) {
      const auto names = candidate.option != nullptr ? candidate.option->display_names() : match->flag;
      parsed.arity_errors.push_back({parsed.options.size(), "argument " + names + ": " + *arity_error});
    }
    parsed.options.push_back(std::move(option));
    // The rest of a cluster such as "-xvs" is read as its own flags, like argparse does.
    while (cluster) {
      const std::string flags = *cluster;
      cluster.reset();
      const auto* next = table.find(flags.substr(0, 2));
      if (next == nullptr) {
        parsed.unknown.push_back({flags, i, token.span});
        break;
      }
      ParsedOption clustered;
      clustered.component = next->component;
      clustered.option = next->option;
      clustered.owner = next->owner;
      clustered.presence = next->presence;
      clustered.exists_in_version = next->exists_in_version;
      clustered.flag = flags.substr(0, 2);
      clustered.first_token = clustered.last_token = i;
      clustered.span = token.span;
      if (flags.size() > 2) {
        if (next->arity == Arity::None) {
          cluster = "-" + flags.substr(2);
        } else {
          clustered.value = flags.substr(2);
          clustered.value_span = token.span;
        }
      } else if (next->arity == Arity::One) {
        if (is_value_like(i + 1)) {
          clustered.value = parsed.tokens[i + 1].text;
          clustered.value_span = parsed.tokens[i + 1].span;
          clustered.last_token = ++i;
        } else {
          parsed.arity_errors.push_back({parsed.options.size(), "argument " + flags.substr(0, 2) + ": expected one argument"});
        }
      }
      parsed.options.push_back(std::move(clustered));
    }
  }
  return parsed;
}

}  // namespace paralint
