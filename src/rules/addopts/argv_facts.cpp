#include "rules/addopts/argv_facts.hpp"

#include <algorithm>

#include "paralint/read/python_text.hpp"
#include "paralint/read/shlex.hpp"
#include "paralint/util/spelling.hpp"

namespace paralint::rules::addopts {

Location location_of(const CheckContext& context, const ArgToken& token, Span span) {
  if (token.from_environment || !context.config.source) return {"PYTEST_ADDOPTS", nullptr, {}};
  return context.at(span);
}

std::string first_pass_hint(const ParsedOption& option, const ArgToken& token) {
  if (option.component == nullptr || !option.component->is_core()) return {};
  return token.from_environment ? " (via PYTEST_ADDOPTS)" : " (via addopts config)";
}

std::string option_names(const ParsedOption& option) {
  return option.option != nullptr ? option.option->display_names() : option.flag;
}

std::optional<std::string> argument_error(const OptionSchema& option, const Version& release,
                                          std::string_view argument) {
  std::string converted(argument);
  const auto& type = option.type;
  const auto invalid = [&](std::string_view name) {
    return "invalid " + std::string(name) + " value: " + python::repr(argument);
  };
  if (type == "int") {
    if (!python::int_accepts(argument)) return invalid("int");
  } else if (type == "float") {
    if (!python::float_accepts(argument)) return invalid("float");
  } else if (type == "parse_numprocesses") {
    // xdist: "auto" and "logical" as they are, anything else through int().
    if (argument != "auto" && argument != "logical" && !python::int_accepts(argument)) return invalid(type);
  } else if (type == "lower") {
    converted = ascii_lower(argument);
  } else if (!type.empty() && type != "str") {
    return std::nullopt;  // a validator paralint does not reproduce: it may take anything
  }
  if (option.choices.empty()) return std::nullopt;
  const auto allowed = option.choices_in(release);
  if (std::find(allowed.begin(), allowed.end(), converted) != allowed.end()) return std::nullopt;
  std::string listed;
  for (const auto& choice : allowed) listed += (listed.empty() ? "" : ", ") + python::repr(choice);
  return "invalid choice: " + python::repr(converted) + " (choose from " + listed + ")";
}

bool is_multiword_element(const CheckContext& context, std::size_t token_index) {
  const auto& tokens = context.addopts.tokens;
  if (token_index >= tokens.size()) return false;
  const auto& token = tokens[token_index];
  if (token.from_environment || !token.is_string || !token.text.starts_with("-")) return false;
  const auto* entry = context.config.find("addopts");
  if (entry == nullptr || !entry->value.is_array()) return false;
  // A value of the option before it ("-m", "not slow") is meant to hold spaces.
  for (const auto& option : context.addopts.options) {
    if (option.first_token < token_index && token_index <= option.last_token) return false;
  }
  const auto words = shlex_split(token.text);
  return !words.error && words.tokens.size() >= 2;
}

std::vector<ValueRange> inline_comments(std::string_view value) {
  std::vector<ValueRange> comments;
  char quote = 0;
  bool in_word = false;
  for (std::size_t at = 0; at < value.size(); ++at) {
    const char c = value[at];
    if (quote != 0) {
      if (c == '\\' && quote == '"') {
        ++at;
      } else if (c == quote) {
        quote = 0;
      }
    } else if (c == '\\') {
      in_word = true;
      ++at;
    } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {  // shlex's whitespace
      in_word = false;
    } else if (!in_word && (c == '#' || c == ';')) {
      const auto line_end = std::min(value.find('\n', at), value.size());
      comments.push_back({at, line_end});
      at = line_end;
      in_word = false;
    } else {
      if (c == '\'' || c == '"') quote = c;
      in_word = true;
    }
  }
  return comments;
}

std::string unseen_sources(const CheckContext& context) {
  std::vector<std::string> sources;
  const auto listed = [](const std::vector<std::string>& names) {
    std::string out;
    for (const auto& name : names) out += (out.empty() ? "" : ", ") + name;
    return out;
  };
  if (!context.target.unmodelled_plugins.empty()) {
    sources.push_back("an installed plugin paralint has no schema for (" + listed(context.target.unmodelled_plugins) +
                      ")");
  }
  if (!context.project.opaque_sources.empty()) {
    sources.push_back("plugin code paralint cannot read (" + listed(context.project.opaque_sources) + ")");
  }
  if (context.target.knowledge == PluginKnowledge::Inferred) {
    sources.emplace_back("a plugin paralint was not told about (name the environment with --python or --plugins)");
  }
  std::string out;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    out += (i == 0 ? "" : i + 1 == sources.size() ? " or " : ", ") + sources[i];
  }
  return out;
}

Version release_of(const CheckContext& context, const ParsedOption& option) {
  return option.component != nullptr ? context.version_of(*option.component) : context.target.pytest();
}

std::string component_release(const ComponentSchema& component, const Version& version) {
  return component.name + " " + version.str();
}

}  // namespace paralint::rules::addopts
