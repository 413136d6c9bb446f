// K008 required-plugins-problem: Config._validate_plugins parses each required_plugins
// item as a PEP 508 requirement and looks its name up, exactly as written, among the
// distribution names of the plugins pytest loaded; an invalid item, an unknown name or a
// version the specifiers exclude is "missing", and pytest stops with
// "Missing required plugins: …" (exit 4).

#include <fmt/format.h>

#include <algorithm>

#include "paralint/read/ini_reader.hpp"
#include "paralint/read/shlex.hpp"
#include "rules/keys/key_facts.hpp"
#include "rules/keys/keys.hpp"
#include "rules/keys/pep440.hpp"

namespace paralint::rules::keys {

namespace {

struct Item {
  std::string text;
  Span span;
  bool exact = false;  // the file bytes at `span` are `text` (no quotes or escapes)
};

// The items as getini("required_plugins") gives them, each with the bytes it came from.
std::vector<Item> items_of(const CheckContext& context, const ConfigEntry& entry) {
  std::vector<Item> items;
  const auto& source = *context.config.source;
  const auto& value = entry.value;
  if (value.is_array()) {
    for (const auto& element : value.items) {
      if (!element.is_string()) continue;
      const auto raw = source.slice(element.span);
      Item item{element.string, element.span, false};
      // A TOML string without escapes: the text sits inside its quotes.
      if (raw.size() == element.string.size() + 2 && raw.substr(1, element.string.size()) == element.string) {
        item.span = {element.span.begin + 1, element.span.end - 1};
        item.exact = true;
      }
      items.push_back(std::move(item));
    }
    return items;
  }
  const auto split = shlex_split(value.string);
  const auto raw = source.slice(value.span);
  const auto inside = raw.find(value.string);
  auto to_file = [&](std::size_t offset) -> std::size_t {
    if (!entry.pieces.empty()) return source_offset(entry.pieces, offset);
    if (inside != std::string_view::npos && value.string.find('\\') == std::string::npos)
      return value.span.begin + inside + offset;
    return value.span.begin;
  };
  for (const auto& token : split.tokens) {
    const Span span{to_file(token.begin), to_file(token.end)};
    items.push_back({token.text, span, source.slice(span) == token.text});
  }
  return items;
}

bool starts_with_operator(std::string_view text) {
  return !text.empty() && std::string_view("<>=!~").find(text[0]) != std::string_view::npos;
}

struct Finding {
  Span span;
  std::vector<std::string> missing;  // the items pytest will list
  bool known = true;                 // false: depends on a plugin of unknown presence
  std::string why;
  std::string help;
  std::optional<Fix> fix;
};

// The name part of an item rewritten as `name`, when the item's bytes are its text.
std::optional<Fix> rename_fix(const CheckContext& context, const Item& item, std::string_view written,
                              const std::string& name) {
  if (!item.exact) return std::nullopt;
  const auto at = item.text.find(written);
  if (at == std::string::npos) return std::nullopt;
  const Span span{item.span.begin + at, item.span.begin + at + written.size()};
  return Fix{Applicability::Safe,
             fmt::format("write the distribution name `{}`", name),
             {Edit{context.config.source, span, name}}};
}

// What pytest makes of one valid requirement in the target.
std::optional<Finding> judge(const CheckContext& context, const Item& item, const ParsedRequirement& requirement) {
  const auto& target = context.target;
  const auto& name = requirement.name;
  Finding finding{item.span, {item.text}, true, {}, {}, {}};
  const auto* component = context.schemas.find(name);
  if (component != nullptr && name != component->name) {
    if (normalize_distribution_name(name) == normalize_distribution_name(component->name)) {
      finding.why = fmt::format("pytest compares the plugin's distribution name `{}` exactly, so `{}` never matches it",
                                component->name, name);
    } else {
      finding.why = fmt::format("`{}` is a plugin or import name; required_plugins takes distribution names (`{}`)",
                                name, component->name);
    }
    finding.help = fmt::format("write `{}`", component->name);
    finding.fix = rename_fix(context, item, name, component->name);
    return finding;
  }
  if (component != nullptr) {
    // The distribution counts as loaded while any of its entry points is: `-p no:xdist`
    // alone leaves xdist.looponfail registered under pytest-xdist.
    const auto& entry_points = component->entry_points;
    const bool all_disabled =
        !entry_points.empty() && std::all_of(entry_points.begin(), entry_points.end(),
                                             [&](const std::string& name) { return context.addopts.disables(name); });
    const auto presence = all_disabled ? Presence::Absent : target.presence(component->name);
    const auto* state = target.plugin(component->name);
    if (presence == Presence::Absent) {
      finding.why = fmt::format("{} is {}", name, absence_reason(context, *component));
      finding.help = fmt::format("install {}, or remove it from required_plugins", name);
      return finding;
    }
    if (target.knowledge == PluginKnowledge::Inferred) {
      // Assumed installed because this very item names it: nothing else says so.
      if (state == nullptr || !state->reason.starts_with("required_plugins")) return std::nullopt;
      finding.known = false;
      finding.why =
          fmt::format("paralint cannot tell whether {} is installed: the project declares it nowhere else", name);
      finding.help = fmt::format("declare {} as a test dependency, or run paralint with --python", name);
      return finding;
    }
    const auto installed = Pep440Version::parse(context.version_of(*component).str());
    if (!installed || specifiers_allow(requirement.specifiers, *installed)) return std::nullopt;
    finding.why =
        fmt::format("{} is installed, a release `{}` does not allow", component_label(context, *component), item.text);
    finding.help = fmt::format("install a release of {} that satisfies it, or relax the version", name);
    return finding;
  }
  if (target.knowledge == PluginKnowledge::Inferred) return std::nullopt;  // an unmodelled plugin: unknown
  const auto& others = target.unmodelled_plugins;
  if (std::find(others.begin(), others.end(), name) != others.end()) return std::nullopt;
  const auto similar = std::find_if(others.begin(), others.end(), [&](const std::string& other) {
    return normalize_distribution_name(other) == normalize_distribution_name(name);
  });
  if (similar != others.end()) {
    finding.why =
        fmt::format("the installed plugin is named `{}`, and pytest compares distribution names exactly", *similar);
    finding.help = fmt::format("write `{}`", *similar);
    finding.fix = rename_fix(context, item, name, *similar);
    return finding;
  }
  finding.why =
      target.knowledge == PluginKnowledge::Interpreter
          ? fmt::format("no plugin named `{}` is installed in {}", name, target.interpreter.value_or("the interpreter"))
          : fmt::format("`{}` is not among the plugins given with --plugins", name);
  finding.help = fmt::format("install {}, or remove it from required_plugins", name);
  return finding;
}

}  // namespace

void check_missing_required_plugins(const CheckContext& context, DiagnosticSink& sink) {
  if (context.config.parse_error || !context.config.source) return;
  const auto* entry = context.config.find("required_plugins");
  if (entry == nullptr) return;
  if (entry->mode == ValueMode::Toml && !entry->value.is_array()) return;  // a TypeError: K003
  const auto items = items_of(context, *entry);
  std::vector<Finding> findings;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto& item = items[i];
    const auto requirement = parse_requirement(item.text);
    if (requirement) {
      if (auto finding = judge(context, item, *requirement)) findings.push_back(std::move(*finding));
      continue;
    }
    Finding finding{item.span, {item.text}, true, {}, {}, {}};
    const bool split_specifier = starts_with_operator(item.text) && i > 0 && parse_requirement(items[i - 1].text);
    if (split_specifier) {
      // "pytest-xdist >= 3" split at whitespace: the name, then ">=" and "3" on their own.
      const bool has_version = i + 1 < items.size() && Pep440Version::parse(items[i + 1].text).has_value();
      const auto& last = has_version ? items[i + 1] : item;
      const std::string joined = items[i - 1].text + item.text + (has_version ? last.text : "");
      finding.span = {items[i - 1].span.begin, last.span.end};
      if (has_version) finding.missing.push_back(last.text);
      finding.why = fmt::format(
          "pytest splits required_plugins at whitespace, so `{}` is not one requirement: `{}` is not a "
          "requirement{}",
          std::string(context.config.source->slice(finding.span)), item.text,
          has_version ? fmt::format(" and no plugin is named `{}`", last.text) : "");
      finding.help = fmt::format("write `{}` without spaces", joined);
      auto blank = [&](Span gap) {
        return gap.begin <= gap.end &&
               context.config.source->slice(gap).find_first_not_of(" \t") == std::string_view::npos;
      };
      const bool plain = entry->value.is_string() && items[i - 1].exact && item.exact && last.exact &&
                         blank({items[i - 1].span.end, item.span.begin}) && blank({item.span.end, last.span.begin});
      if (plain) {
        finding.fix = Fix{Applicability::Unsafe,
                          fmt::format("write `{}`", joined),
                          {Edit{context.config.source, finding.span, joined}}};
      }
      if (has_version) ++i;
    } else {
      finding.why = fmt::format("`{}` is not a valid requirement (PEP 508), so pytest counts it as missing", item.text);
      finding.help = "write a distribution name, optionally with a version: pytest-xdist>=3.5";
    }
    findings.push_back(std::move(finding));
  }

  std::vector<std::string> missing;
  for (const auto& finding : findings) {
    if (finding.known) missing.insert(missing.end(), finding.missing.begin(), finding.missing.end());
  }
  std::sort(missing.begin(), missing.end());
  const auto pytest = "pytest " + context.target.pytest().str();
  for (auto& finding : findings) {
    std::string message;
    if (finding.known) {
      message = fmt::format("{}: {} stops with \"Missing required plugins: {}\" (exit 4)", finding.why, pytest,
                            fmt::join(missing, ", "));
    } else {
      message = fmt::format("{}: where it is missing, {} stops with \"Missing required plugins: {}\" (exit 4)",
                            finding.why, pytest, fmt::join(finding.missing, ", "));
    }
    auto& diagnostic = sink.report("K008", context.at(finding.span), std::move(message));
    diagnostic.help = std::move(finding.help);
    diagnostic.fix = std::move(finding.fix);
    if (!finding.known) diagnostic.severity = Severity::Info;
  }
}

}  // namespace paralint::rules::keys
