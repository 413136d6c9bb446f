// D006 native-toml-mode: pyproject.toml's [tool.pytest] means different things to different
// pytest releases. From 9.0 any key of it other than ini_options (a plain key or a subtable)
// makes pytest read the table with native TOML types, and beside a non-empty
// [tool.pytest.ini_options] pytest refuses the file. Before 9.0 the table is ignored
// without a word.

#include <fmt/format.h>

#include <algorithm>

#include "paralint/read/python_text.hpp"
#include "rules/discovery/config_sections.hpp"
#include "rules/discovery/discovery.hpp"

namespace paralint::rules {

namespace {

// The [tool.pytest] header, or the first native key when the table has no header of its own.
Span native_span(const SourceText& source, const PyprojectTables& tables) {
  const auto span = table_span(source, "tool.pytest", *tables.tool_pytest);
  if (source.slice(span).starts_with("[")) return span;
  const auto& first = *tables.native.front();
  return first.value.is_table() ? table_span(source, "tool.pytest." + first.key, first.value) : first.key_span;
}

std::string native_keys(const PyprojectTables& tables) {
  std::string out;
  for (const auto* entry : tables.native) out += (out.empty() ? "" : ", ") + entry->key;
  return out;
}

// minversion as pytest compares it; "9" means 9.0.
std::optional<Version> minversion_of(const Value& value) {
  auto text = value.is_string() ? value.string : python_str(value);
  if (text.find('.') == std::string::npos) text += ".0";
  return Version::parse(text);
}

// Whether older pytest is already kept out: minversion in the table, or the project's
// declared pytest requirement allows no release before `since`.
bool requires_native_release(const CheckContext& context, const PyprojectTables& tables, const Version& since) {
  if (const auto* minversion = tables.tool_pytest->find("minversion")) {
    const auto version = minversion_of(*minversion);
    if (version && *version >= since) return true;
  }
  if (context.requirements == nullptr) return false;
  std::vector<std::string> pins;
  for (const auto& requirement : *context.requirements) {
    if (requirement.name == "pytest" && requirement.specifiers.find_first_not_of(" \t") != std::string::npos) {
      pins.push_back(requirement.specifiers);
    }
  }
  if (pins.empty()) return false;
  std::vector<Version> older;
  for (const auto& release : known_versions().pytest.releases) {
    if (release < since) older.push_back(release);
  }
  return !newest_satisfying(older, pins);
}


}  // namespace

void check_native_toml_mode(const CheckContext& context, DiagnosticSink& sink) {
  const auto& config = context.config;
  const auto version = context.target.pytest().str();
  const auto since_text = release_with("native-toml");
  const auto since = *Version::parse(since_text);
  for (const auto& document : context.documents) {
    const auto tables = pyproject_tables(document);
    if (!tables || tables->native.empty()) continue;
    const auto& path = document.source->path();
    const auto location = Location::in(document.source, native_span(*document.source, *tables));
    if (!config.behaviour.native_toml) {
      const auto group = pytest_group(document, "tool.pytest");
      auto& diagnostic = sink.report(
          "D006", location,
          fmt::format(
              "pytest {} ignores [tool.pytest] in {} (it reads native TOML tables from {} on); not applied: {}{}",
              version, document.file_name(), since_text, group ? key_list(group->settings) : native_keys(*tables),
              tables->conflict()
                  ? fmt::format("; pytest {} and later refuse this file, as [tool.pytest.ini_options] is not empty",
                                since_text)
                  : ""));
      diagnostic.help = fmt::format(
          "for pytest {} write the settings under [tool.pytest.ini_options] (INI-style values); or require pytest>={} "
          "and move "
          "everything into [tool.pytest]",
          version, since_text);
    } else if (tables->conflict()) {
      const bool fails = reading_failed_on(&config, path) || reading_failed_on(context.directory_config, path);
      auto& diagnostic = sink.report(
          "D006", location,
          fmt::format("pytest {} refuses {} (exit 4): [tool.pytest] holds {}, so it is native TOML config, and "
                      "[tool.pytest.ini_options] is not empty; pytest never reads both",
                      version, document.file_name(), native_keys(*tables)));
      // Where pytest does not parse this file (it reads another), the refusal is still ahead.
      if (fails) diagnostic.severity = Severity::Error;
      diagnostic.help =
          "keep one table: everything in [tool.pytest] with native TOML types (lists for addopts and markers, "
          "booleans), or everything in [tool.pytest.ini_options]";
    } else if (config.configfile == path && !requires_native_release(context, *tables, since)) {
      auto& diagnostic = sink.report(
          "D006", location,
          fmt::format(
              "pytest {} reads [tool.pytest] as native TOML config (it holds {}): values keep their TOML types; "
              "pytest before {} ignores this table without a word, and neither minversion nor a declared pytest "
              "requirement keeps such a pytest out",
              version, native_keys(*tables), since_text));
      diagnostic.severity = Severity::Info;
      diagnostic.help = fmt::format(
          "set minversion = \"{}.{}\" in [tool.pytest] (or require pytest>={}.{}) so that an older pytest "
          "stops instead of running without this config",
          since.major, since.minor, since.major, since.minor);
    }
  }
}

}  // namespace paralint::rules
