// K003 wrong-value-type: a value whose TOML type the key's reader does not take.
// pytest 9's native TOML tables ([tool.pytest], pytest.toml) are not converted: getini
// raises TypeError unless the value already has the registered type (Config._getini_toml).
// [tool.pytest.ini_options] (every release) turns scalars into str() and keeps arrays as
// they are, so a table becomes its Python text and an array reaches readers that expect
// a string.

#include <fmt/format.h>

#include <cctype>

#include "paralint/read/python_text.hpp"
#include "paralint/read/shlex.hpp"
#include "paralint/read/toml_text.hpp"
#include "rules/keys/key_facts.hpp"
#include "rules/keys/keys.hpp"

namespace paralint::rules::keys {

namespace {

bool is_list_type(std::string_view type) { return type == "args" || type == "linelist" || type == "paths"; }

std::string got(const Value& value) { return python_type_name(value) + ": " + python_repr(value); }

// Config._getini_toml's TypeError text (without the "<path>: " prefix), or "" when it accepts.
std::string native_error(std::string_view name, std::string_view type, const Value& value) {
  if (is_list_type(type)) {
    if (!value.is_array())
      return fmt::format("config option '{}' expects a list for type '{}', got {}", name, type, got(value));
    for (std::size_t i = 0; i < value.items.size(); ++i) {
      if (!value.items[i].is_string()) {
        return fmt::format("config option '{}' expects a list of strings, but item at index {} is {}", name, i,
                           got(value.items[i]));
      }
    }
    return {};
  }
  const auto kind = value.kind;
  if (type == "bool" && kind != Value::Kind::Boolean)
    return fmt::format("config option '{}' expects a bool, got {}", name, got(value));
  if (type == "int" && kind != Value::Kind::Integer)
    return fmt::format("config option '{}' expects an int, got {}", name, got(value));
  if (type == "float" && kind != Value::Kind::Integer && kind != Value::Kind::Float) {
    return fmt::format("config option '{}' expects a float, got {}", name, got(value));
  }
  if (type == "string" && kind != Value::Kind::String)
    return fmt::format("config option '{}' expects a string, got {}", name, got(value));
  return {};
}

std::string toml_array(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + toml_string(items[i]);
  return out + "]";
}

// The value written with the type the key needs, when the conversion is mechanical.
std::optional<Fix> native_fix(const CheckContext& context, std::string_view type, const Value& value) {
  const auto source = context.config.source;
  auto replace = [&](Span span, std::string text, std::string message) {
    return Fix{Applicability::Safe, std::move(message), {Edit{source, span, std::move(text)}}};
  };
  if (type == "bool" && value.is_string()) {
    const auto parsed = python::strtobool(python::strip(value.string));
    if (!parsed) return std::nullopt;
    return replace(value.span, *parsed ? "true" : "false", "write a TOML boolean");
  }
  const bool number = value.kind == Value::Kind::Integer || value.kind == Value::Kind::Float;
  if (type == "string" && number) {
    return replace(value.span, toml_string(source->slice(value.span)), "write the number as a string");
  }
  if (!is_list_type(type)) return std::nullopt;
  if (value.is_string()) {
    std::vector<std::string> items;
    if (type == "linelist") {
      items = linelist_lines(value.string);
    } else {
      const auto split = shlex_split(value.string);
      if (split.error) return std::nullopt;
      for (const auto& token : split.tokens) items.push_back(token.text);
    }
    return replace(value.span, toml_array(items), "write a TOML array of strings");
  }
  if (!value.is_array()) return std::nullopt;
  Fix fix{Applicability::Safe, "write every item as a string", {}};
  for (const auto& item : value.items) {
    if (item.is_string()) continue;
    if (item.kind != Value::Kind::Integer && item.kind != Value::Kind::Float) return std::nullopt;
    fix.edits.push_back(Edit{source, item.span, toml_string(source->slice(item.span))});
  }
  return fix;
}

void note_plugin_presence(const CheckContext& context, const RegisteredKey& registered, Diagnostic& diagnostic) {
  if (registered.presence != Presence::Unknown) return;
  diagnostic.severity = lowered(diagnostic.severity);
  diagnostic.message += fmt::format(" (if {} is installed: it is {})", registered.component->name,
                                    absence_reason(context, *registered.component));
}

// minversion is read before getini existed for it: below 9.1 any non-string is refused up front.
bool report_minversion(const CheckContext& context, DiagnosticSink& sink, const ConfigEntry& entry,
                       const Value& value) {
  if (entry.key != "minversion" || value.is_string()) return false;
  const auto& version = context.target.pytest();
  std::string what;
  if (version < Version{9, 1, 0}) {
    what = fmt::format("pytest {} stops (exit 4): 'minversion' must be a single value", version.str());
  } else if (entry.mode == ValueMode::Toml) {
    what = fmt::format("pytest {} stops with a TypeError traceback (exit 1): {}", version.str(),
                       native_error("minversion", "string", value));
  } else {
    what = fmt::format(
        "pytest {} stops with a TypeError traceback (exit 1): expected string or bytes-like object, got '{}'",
        version.str(), python_type_name(value));
  }
  auto& diagnostic = sink.report("K003", context.at(value.span), "`minversion` must be one version string: " + what);
  diagnostic.help = "write minversion = \"X.Y\"";
  if (value.kind == Value::Kind::Integer || value.kind == Value::Kind::Float) {
    diagnostic.fix = native_fix(context, "string", value);
  }
  return true;
}

void check_native(const CheckContext& context, DiagnosticSink& sink, const ConfigEntry& entry,
                  const RegisteredKey& registered) {
  const auto& type = registered.schema->type;
  const auto error = native_error(registered.schema->name, type, entry.value);
  if (error.empty()) return;
  auto& diagnostic =
      sink.report("K003", context.at(entry.value.span),
                  fmt::format("native TOML values are not converted: pytest {} raises TypeError when it reads `{}`: {}",
                              context.target.pytest().str(), entry.key, error));
  diagnostic.help = fmt::format("`{}` is a {} key: write a TOML {}", entry.key, type,
                                is_list_type(type) ? "array of strings"
                                : type == "bool"   ? "boolean"
                                                   : type);
  diagnostic.fix = native_fix(context, type, entry.value);
  note_plugin_presence(context, registered, diagnostic);
}

// pytest reads `markers` only when something looks a mark up: MarkGenerator.__getattr__ (any
// pytest.mark.NAME in a test, builtin marks included, or item.add_marker("name")) and
// `pytest --markers` split each line on ":", which fails on a non-string. A run whose tests use
// no mark passes, so the verdict follows the project's tests.
Diagnostic& report_marker_item(const CheckContext& context, DiagnosticSink& sink, std::size_t index, const Value& item,
                               const std::string& pytest) {
  const auto& uses = context.project.marker_uses;
  const auto failure =
      fmt::format("{} fails with AttributeError: '{}' object has no attribute 'split'", pytest, python_type_name(item));
  std::string when;
  if (uses.empty()) {
    when = fmt::format(
        "as soon as a test uses a mark (any pytest.mark.NAME, even skip or parametrize) and on `pytest --markers`; "
        "no test paralint scanned uses one yet, so runs pass for now");
  } else {
    const auto& first = uses.front();
    when = fmt::format("when it collects a test that uses a mark, as {}:{} does (`{}`): collection errors, exit 2",
                       first.file.lexically_relative(context.config.rootdir).generic_string(), first.line, first.name);
  }
  auto& diagnostic = sink.report(
      "K003", context.at(item.span),
      fmt::format("`markers` item {} is {}, not a string: {} {}", index, python_type_name(item), failure, when));
  if (uses.empty()) diagnostic.severity = Severity::Warning;
  return diagnostic;
}

void check_ini_options(const CheckContext& context, DiagnosticSink& sink, const ConfigEntry& entry,
                       const RegisteredKey& registered) {
  const auto* written = written_value(context, entry);
  if (written == nullptr) return;
  const auto& schema = *registered.schema;
  const auto& type = schema.type;
  const auto pytest = "pytest " + context.target.pytest().str();
  Diagnostic* diagnostic = nullptr;
  if (written->is_table() || (written->is_array() && !is_list_type(type))) {
    const auto text = python_str(*written);
    const auto shape = written->is_table() ? "a table" : "an array";
    if (type == "bool") {
      // _strtobool(str(value).strip()) lower-cases the text before it gives up on it.
      std::string truth(python::strip(text));
      for (auto& c : truth) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      diagnostic = &sink.report(
          "K003", context.at(written->span),
          fmt::format(
              "`{}` is a bool key but the value is {}: {} raises ValueError: invalid truth value {} when it reads it "
              "(pytest does not check it when it loads the file, so runs that never read it pass)",
              entry.key, shape, pytest, python::repr(truth)));
    } else if (type == "int" || type == "float") {
      diagnostic =
          &sink.report("K003", context.at(written->span),
                       fmt::format("`{}` is an {} key but the value is {}: {} raises TypeError when it reads it",
                                   entry.key, type, shape, pytest));
    } else if (written->is_table()) {
      diagnostic =
          &sink.report("K003", context.at(written->span),
                       fmt::format("`{}` takes {} but the value is a table: {} reads it as the text {}", entry.key,
                                   is_list_type(type) ? "a list" : "a string", pytest, python::repr(text)));
      diagnostic->severity = Severity::Warning;
    } else {
      const bool checked = !schema.value.empty() || !schema.choices.empty();
      diagnostic = &sink.report(
          "K003", context.at(written->span),
          fmt::format("`{}` takes one string but the value is an array: {} hands the list on unchanged to code that "
                      "expects a string{}",
                      entry.key, pytest,
                      checked ? ", which fails when it reads it"
                              : ": depending on the key it fails when read or is silently ignored"));
      if (!checked) diagnostic->severity = Severity::Warning;
    }
    diagnostic->help = type == "bool" ? fmt::format("write {} = true (or false)", entry.key)
                                      : fmt::format("write `{}` as {}", entry.key,
                                                    is_list_type(type) ? "an array of strings" : "a single string");
  } else if (written->is_array() && entry.key != "addopts") {
    // addopts items reach argparse; the addopts rules report those.
    for (std::size_t i = 0; i < written->items.size(); ++i) {
      const auto& item = written->items[i];
      if (item.is_string()) continue;
      if (entry.key == "markers") {
        diagnostic = &report_marker_item(context, sink, i, item, pytest);
      } else {
        diagnostic = &sink.report(
            "K003", context.at(item.span),
            fmt::format("`{}` item {} is {}, not a string: {} hands it on unchanged and fails with a TypeError where "
                        "it uses the list",
                        entry.key, i, python_type_name(item), pytest));
      }
      diagnostic->help = "write every item as a string";
      diagnostic->fix = native_fix(context, type, *written);
      break;
    }
  }
  if (diagnostic != nullptr) note_plugin_presence(context, registered, *diagnostic);
}

}  // namespace

void check_value_types(const CheckContext& context, DiagnosticSink& sink) {
  if (context.config.parse_error || !context.config.source) return;
  const bool toml_file = context.config.source->path().extension() == ".toml";
  for (const auto& entry : context.config.ini) {
    if (entry.mode == ValueMode::Toml && report_minversion(context, sink, entry, entry.value)) continue;
    if (entry.mode == ValueMode::Ini && toml_file && entry.value.is_array() &&
        report_minversion(context, sink, entry, entry.value)) {
      continue;
    }
    const auto registered = registered_key(context, entry.key);
    if (!registered) continue;
    if (entry.mode == ValueMode::Toml) {
      check_native(context, sink, entry, *registered);
    } else if (toml_file) {
      check_ini_options(context, sink, entry, *registered);
    }
  }
}

}  // namespace paralint::rules::keys
