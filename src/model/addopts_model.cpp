#include "paralint/model/addopts_model.hpp"


#include <algorithm>
#include <limits>
#include <map>

#include "paralint/read/python_text.hpp"
#include "paralint/schema/version.hpp"

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

// When pytest's parser first knows an option. pytest parses argv several times: first with
// the core options only (this pass checks addopts "via addopts config"), again once the
// installed plugins registered theirs, and finally with the conftest files' options too.
// An error argparse raises in a pass stops pytest there.
constexpr int kCorePass = 0;
constexpr int kPluginPass = 1;
constexpr int kProjectPass = 2;
constexpr int kNeverKnown = std::numeric_limits<int>::max();

int first_pass_knowing(const Candidate& candidate) {
  if (candidate.owner == OptionOwner::Absent || !candidate.exists_in_version) return kNeverKnown;
  if (candidate.owner == OptionOwner::Project) return kProjectPass;
  return candidate.component->is_core() ? kCorePass : kPluginPass;
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

 private:
  std::map<std::string, Candidate, std::less<>> table_;
};

bool looks_like_negative_number(std::string_view text) {
  // argparse's _negative_number_matcher, '^-\d+$|^-\d*\.\d+$'; pytest registers no option
  // that looks like one.
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  if (!text.starts_with('-')) return false;
  text.remove_prefix(1);
  const auto point = text.find('.');
  const auto integer = text.substr(0, point);
  const auto fraction = point == std::string_view::npos ? std::string_view{} : text.substr(point + 1);
  const bool digits_only = std::all_of(integer.begin(), integer.end(), is_digit) &&
                           std::all_of(fraction.begin(), fraction.end(), is_digit);
  return digits_only && (point == std::string_view::npos ? !integer.empty() : !fraction.empty());
}

// The `-p` arguments, found the way pytest's consider_preparse scans argv before parsing:
// every "-p" token takes the next one, every other token starting with "-p" is "-pNAME".
std::vector<PluginArgument> scan_plugin_arguments(const std::vector<ArgToken>& tokens, bool strips_name) {
  std::vector<PluginArgument> out;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const auto& token = tokens[i];
    if (!token.is_string) continue;
    std::string argument;
    Span span = token.span;
    const std::size_t at = i;
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
    plugin.token = at;
    plugin.span = span;
    out.push_back(std::move(plugin));
  }
  return out;
}

// A component's options are registered by its first entry point (xdist's second one,
// xdist.looponfail, only adds -f/--looponfail), so blocking that one removes them.
bool is_disabled(const ComponentSchema& component, const PluginBlocks& blocks) {
  return !component.entry_points.empty() && blocks.blocked(component.entry_points.front());
}

OptionTable build_table(const SchemaSet& schemas, const Target& target,
                        const std::vector<ProjectOption>& project_options, const PluginBlocks& blocks) {
  OptionTable table;
  for (const auto& component : schemas.components()) {
    Candidate base;
    base.component = &component;
    Version version = target.pytest();
    if (!component.is_core()) {
      const auto* state = target.plugin(component.name);
      base.presence = state != nullptr ? state->presence : Presence::Unknown;
      version = state != nullptr ? state->version : component.newest();
      base.owner = base.presence == Presence::Absent || is_disabled(component, blocks) ? OptionOwner::Absent
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

// How argparse classifies one argv string before matching ("O", "A" or the "--").
enum class Kind { Positional, Separator, Option };

struct Match {
  Kind kind = Kind::Positional;
  const Candidate* candidate = nullptr;  // null for an option-like string nobody knows
  std::string flag;
  std::optional<std::string> explicit_value;
  std::size_t value_offset = 0;  // where the explicit value starts inside the token
};

// argparse's _parse_optional with allow_abbrev=False.
Match classify(const ArgToken& token, const OptionTable& table) {
  const std::string& text = token.text;
  if (!token.is_string || text.empty() || text[0] != '-') return {};
  if (const auto* candidate = table.find(text)) return {Kind::Option, candidate, text, std::nullopt, 0};
  if (text.size() == 1) return {};
  if (const auto equals = text.find('='); equals != std::string::npos) {
    if (const auto* candidate = table.find(std::string_view(text).substr(0, equals))) {
      return {Kind::Option, candidate, text.substr(0, equals), text.substr(equals + 1), equals + 1};
    }
  }
  if (text[1] != '-') {  // a short flag with its value or more flags attached: -nauto, -vvs
    if (const auto* candidate = table.find(std::string_view(text).substr(0, 2))) {
      return {Kind::Option, candidate, text.substr(0, 2), text.substr(2), 2};
    }
  }
  if (looks_like_negative_number(text)) return {};
  if (text.find(' ') != std::string::npos) return {};
  return {Kind::Option, nullptr, text.substr(0, text.find('=')), std::nullopt, 0};
}

// The bytes of [begin, end) of a token's text. A token's span covers its quotes too; only
// an unquoted token maps offsets 1:1, a quoted one is pointed at as a whole.
Span token_subspan(const ArgToken& token, std::size_t begin, std::size_t end) {
  if (token.span.size() != token.text.size()) return token.span;
  return {token.span.begin + begin, token.span.begin + end};
}

std::string names_of(const Candidate& candidate, std::string_view flag) {
  return candidate.option != nullptr ? candidate.option->display_names() : std::string(flag);
}

class Walker {
 public:
  Walker(ParsedAddopts& parsed, const OptionTable& table) : parsed_(parsed), table_(table) {
    bool after_separator = false;
    for (const auto& token : parsed_.tokens) {
      if (after_separator) {
        matches_.push_back({});
      } else if (token.is_string && token.text == "--") {
        after_separator = true;
        Match separator;
        separator.kind = Kind::Separator;
        matches_.push_back(separator);
      } else {
        matches_.push_back(classify(token, table_));
      }
    }
  }

  // argparse's _parse_known_args: positionals and options alternately.
  void run() {
    std::size_t i = 0;
    while (i < matches_.size()) {
      i = matches_[i].kind == Kind::Option ? consume_option(i) : consume_positionals(i);
    }
  }

 private:
  [[nodiscard]] bool is_argument(std::size_t index) const {
    return index < matches_.size() && matches_[index].kind == Kind::Positional;
  }

  // A run of non-options: file_or_dir (nargs="*") takes the first run whole, minus its
  // "--"; every later run is left over.
  std::size_t consume_positionals(std::size_t begin) {
    std::size_t end = begin;
    while (end < matches_.size() && matches_[end].kind != Kind::Option) ++end;
    for (std::size_t index = begin; index < end; ++index) {
      if (!file_or_dir_taken_ && matches_[index].kind == Kind::Separator) continue;
      parsed_.positionals.push_back(index);
      if (file_or_dir_taken_) parsed_.extras.push_back(index);
    }
    file_or_dir_taken_ = true;
    return end;
  }

  // argparse's consume_optional, cluster by cluster.
  std::size_t consume_option(std::size_t index) {
    const auto& token = parsed_.tokens[index];
    const auto& match = matches_[index];
    if (match.candidate == nullptr) {
      parsed_.unknown.push_back({match.flag, index, token_subspan(token, 0, match.flag.size())});
      return index + 1;
    }
    const Candidate* candidate = match.candidate;
    std::string flag = match.flag;
    std::optional<std::string> explicit_value = match.explicit_value;
    std::size_t flag_begin = 0;
    std::size_t flag_end = flag.size();
    std::size_t value_begin = match.value_offset;
    const int pass = first_pass_knowing(*candidate);
    while (true) {
      ParsedOption option = start_option(*candidate, flag, index);
      option.clustered = flag_begin > 0;
      option.span = token_subspan(token, flag_begin, explicit_value ? token.text.size() : flag_end);
      if (!explicit_value) return take_arguments(std::move(option), *candidate, index);
      const auto& rest = *explicit_value;
      if (candidate->arity != Arity::None) {
        option.value = rest;
        option.values = {rest};
        option.attached = true;
        option.value_span = token_subspan(token, value_begin, token.text.size());
        parsed_.options.push_back(std::move(option));
        return index + 1;
      }
      // A flag with text attached: "-vs" goes on with "-s"; "--flag=x" and "-v=" are errors.
      const bool continues = flag[1] != '-' && !rest.empty();
      option.span = token_subspan(token, flag_begin, flag_end);
      parsed_.options.push_back(std::move(option));
      const Candidate* next = continues ? table_.find(std::string("-") + rest[0]) : nullptr;
      // A pass that knows this flag but not the next one stops on the whole rest; so does
      // every pass when no component (or only an absent one) has it. The first link's
      // component decides: an absent plugin's cluster is unrecognized as a whole.
      if (pass == kNeverKnown) return index + 1;
      if (next == nullptr || first_pass_knowing(*next) > pass) {
        parsed_.arity_errors.push_back(
            {parsed_.options.size() - 1,
             "argument " + names_of(*candidate, flag) + ": ignored explicit argument " + python::repr(rest)});
        return index + 1;
      }
      candidate = next;
      flag = std::string("-") + rest[0];
      flag_begin = value_begin;
      flag_end = value_begin + 1;
      value_begin += 1;
      explicit_value = rest.size() > 1 ? std::optional<std::string>(rest.substr(1)) : std::nullopt;
    }
  }

  ParsedOption start_option(const Candidate& candidate, const std::string& flag, std::size_t index) const {
    ParsedOption option;
    option.component = candidate.component;
    option.option = candidate.option;
    option.owner = candidate.owner;
    option.presence = candidate.presence;
    option.exists_in_version = candidate.exists_in_version;
    option.flag = flag;
    option.first_token = option.last_token = index;
    return option;
  }

  // The arguments that follow in their own tokens, as argparse's nargs patterns take them
  // for an option ("--" never counts as one).
  std::size_t take_arguments(ParsedOption option, const Candidate& candidate, std::size_t index) {
    std::size_t next = index + 1;
    const bool many = candidate.arity == Arity::ZeroOrMore || candidate.arity == Arity::OneOrMore;
    while (candidate.arity != Arity::None && is_argument(next) && (many || option.values.empty())) {
      const auto& token = parsed_.tokens[next];
      option.values.push_back(token.text);
      option.value = option.value ? *option.value + " " + token.text : token.text;
      if (option.values.size() == 1) option.value_span = token.span;
      option.value_span.end = token.span.end;
      option.span.end = token.span.end;
      option.last_token = next++;
    }
    // An option argparse does not know is "unrecognized", never "expected one argument".
    const bool known = first_pass_knowing(candidate) != kNeverKnown;
    if (known && option.values.empty() && (candidate.arity == Arity::One || candidate.arity == Arity::OneOrMore)) {
      const char* expected = candidate.arity == Arity::One ? "expected one argument" : "expected at least one argument";
      parsed_.arity_errors.push_back(
          {parsed_.options.size(), "argument " + names_of(candidate, option.flag) + ": " + expected});
    }
    parsed_.options.push_back(std::move(option));
    return next;
  }

  ParsedAddopts& parsed_;
  const OptionTable& table_;
  std::vector<Match> matches_;
  bool file_or_dir_taken_ = false;
};

}  // namespace

bool plugin_block_matches(std::string_view named, std::string_view plugin_name) {
  if (named == plugin_name) return true;
  return !named.starts_with("pytest_") && plugin_name.starts_with("pytest_") && plugin_name.substr(7) == named;
}

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

PluginBlocks::PluginBlocks(const std::vector<PluginArgument>& plugins) {
  for (std::size_t index = 0; index < plugins.size(); ++index) {
    last_.insert_or_assign(plugins[index].name, Last{index, plugins[index].disables});
  }
}

bool PluginBlocks::blocked(std::string_view plugin_name) const {
  const Last* decides = nullptr;
  if (const auto same = last_.find(plugin_name); same != last_.end()) decides = &same->second;
  if (plugin_name.starts_with("pytest_")) {
    const auto short_name = plugin_name.substr(7);
    const auto named = short_name.starts_with("pytest_") ? last_.end() : last_.find(short_name);
    if (named != last_.end() && (decides == nullptr || named->second.index > decides->index)) decides = &named->second;
  }
  return decides != nullptr && decides->disables;
}

Span value_subspan(const ParsedOption& option, std::size_t offset, std::size_t length) {
  const auto& value = option.value.value_or(std::string());
  const auto span = option.value_span;
  std::size_t base = span.begin;
  if (span.size() == value.size() + 2) {
    ++base;
  } else if (span.size() != value.size()) {
    return span;
  }
  const auto begin = std::min(offset, value.size());
  return {base + begin, base + begin + std::min(length, value.size() - begin)};
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
  const bool strips_name = known_versions().pytest.has("plugin-argument-strip", target.pytest());
  parsed.plugin_arguments = scan_plugin_arguments(parsed.tokens, strips_name);
  parsed.plugin_blocks = PluginBlocks(parsed.plugin_arguments);
  const auto table = build_table(schemas, target, project_options, parsed.plugin_blocks);
  Walker(parsed, table).run();
  return parsed;
}

}  // namespace paralint
