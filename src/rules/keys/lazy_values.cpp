// K006 invalid-lazy-value: values pytest accepts in the file but its reader rejects later.
// getini converts a value only when something asks for it (a bool key through _strtobool,
// a plugin's string through float()/int() or a fixed vocabulary), so a bad value passes
// every run that never reads the key and breaks the first one that does.

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>

#include "paralint/read/python_text.hpp"
#include "rules/keys/key_facts.hpp"
#include "rules/keys/keys.hpp"

namespace paralint::rules::keys {

namespace {

constexpr std::string_view kLazy = "pytest does not check it when it loads the file, so runs that never read it pass";

// Keys pytest reads only for a test that carries a given mark, so the project's tests decide
// whether a bad value breaks a run (pytest 7.2.1 and 9.1.1: xfail_strict is read when an
// @pytest.mark.xfail is evaluated, not for pytest.xfail() or any other test).
struct ReadForMark {
  std::string_view key;
  std::string_view mark;
};
constexpr ReadForMark kReadForMark[] = {{"xfail_strict", "xfail"}};

// The mark whose tests read `key`, when only they do.
std::optional<std::string_view> mark_that_reads(std::string_view key) {
  for (const auto& entry : kReadForMark) {
    if (entry.key == key) return entry.mark;
  }
  return std::nullopt;
}

// What is wrong with `text` for the key, or "" when the reader accepts it.
std::string problem(const CheckContext& context, const ConfigEntry& entry, const RegisteredKey& registered,
                    std::string_view text) {
  const auto& schema = *registered.schema;
  const auto reader = component_label(context, *registered.component);
  if (schema.type == "bool" && entry.mode == ValueMode::Ini) {
    if (python::strtobool(python::strip(text))) return {};
    std::string lowered_text(python::strip(text));
    for (auto& c : lowered_text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return fmt::format("{} is not a boolean: {} raises ValueError: invalid truth value {} when it reads `{}` ({})",
                       python::repr(text), reader, python::repr(lowered_text), entry.key, kLazy);
  }
  if (text.empty()) return {};  // readers of these keys treat an empty value as unset
  const auto choices = schema.choices_in(context.version_of(*registered.component));
  if (!choices.empty()) {
    if (std::find(choices.begin(), choices.end(), text) != choices.end()) return {};
    std::vector<std::string> shown;
    shown.reserve(choices.size());
    for (const auto& choice : choices) shown.push_back(python::repr(choice));
    if (!schema.invalid_raises) {
      return fmt::format("{} is not one of {}: {} does not check it and behaves as if `{}` were {}", python::repr(text),
                         fmt::join(shown, ", "), reader, entry.key, schema.default_repr);
    }
    return fmt::format("{} is not one of {}: {} fails when it reads `{}` ({})", python::repr(text),
                       fmt::join(shown, ", "), reader, entry.key, kLazy);
  }
  const auto& conversion = schema.value;
  const bool accepted = conversion == "float"  ? python::float_accepts(text)
                        : conversion == "int"  ? python::int_accepts(text)
                        : conversion == "bool" ? python::strtobool(python::strip(text)).has_value()
                                               : true;
  if (accepted) return {};
  const auto what = conversion == "bool" ? "a boolean" : conversion == "int" ? "an integer" : "a number";
  return fmt::format("{} is not {}: {} fails when it reads `{}` ({}() of the value; {})", python::repr(text), what,
                     reader, entry.key, conversion, kLazy);
}

}  // namespace

void check_lazy_values(const CheckContext& context, DiagnosticSink& sink) {
  if (context.config.parse_error || !context.config.source) return;
  for (const auto& entry : context.config.ini) {
    if (!entry.value.is_string()) continue;  // arrays and native non-strings: K003
    const auto* written = written_value(context, entry);
    if (written != nullptr && written->is_table()) continue;  // str() of a TOML table: K003
    const auto registered = registered_key(context, entry.key);
    if (!registered) continue;
    auto message = problem(context, entry, *registered, entry.value.string);
    if (message.empty()) continue;
    auto& diagnostic = sink.report("K006", context.at(entry.value.span), std::move(message));
    const auto& schema = *registered->schema;
    const auto choices = schema.choices_in(context.version_of(*registered->component));
    if (schema.type == "bool" && entry.mode == ValueMode::Ini) {
      diagnostic.help = "write true or false";
    } else if (!choices.empty()) {
      diagnostic.help = fmt::format("use one of: {}", fmt::join(choices, ", "));
      if (!schema.invalid_raises) diagnostic.severity = Severity::Warning;
    } else {
      diagnostic.help = "write a " + schema.value + " value";
    }
    if (const auto mark = mark_that_reads(entry.key); mark && registered->component->name == "pytest") {
      const auto& uses = context.project.marker_uses;
      const auto use = std::find_if(uses.begin(), uses.end(), [&](const SourceMention& m) { return m.name == *mark; });
      if (use == uses.end()) {
        diagnostic.severity = lowered(diagnostic.severity);
        diagnostic.message +=
            fmt::format("; only tests marked {} read it and paralint found none, so runs pass for now", *mark);
      } else {
        diagnostic.message +=
            fmt::format("; {}:{} is marked {}, so that test errors",
                        use->file.lexically_relative(context.config.rootdir).generic_string(), use->line, *mark);
      }
    }
    if (registered->presence == Presence::Unknown) {
      diagnostic.severity = lowered(diagnostic.severity);
      diagnostic.message += fmt::format(" (if {} is installed: it is {})", registered->component->name,
                                        absence_reason(context, *registered->component));
    }
  }
}

}  // namespace paralint::rules::keys
