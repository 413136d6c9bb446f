// D005 section-never-read: a section or table written like pytest's own that pytest never
// reads: [tool:pytest.ini_options.parallel] or [pytest:xdist] in an INI file, another file
// type's pytest section ([tool:pytest] in tox.ini, [tool.pytest] in setup.cfg), [pytest] in
// pyproject.toml, keys outside [pytest] in pytest.toml, and subtables of pytest's own table,
// which pytest takes as one option holding the whole table. pytest says nothing about the
// first kinds, even under --strict-config, because it only checks the keys of the section it
// reads. Each key then gets an info saying what it was probably meant to be.

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "rules/config_edits.hpp"
#include "rules/discovery/config_sections.hpp"
#include "rules/discovery/discovery.hpp"
#include "rules/discovery/intended_setting.hpp"

namespace paralint::rules {

namespace {

bool is_ini_kind(FileKind kind) { return kind == FileKind::Ini || kind == FileKind::SetupCfg; }

// Where the settings belong: the section pytest reads, in the file it reads.
Destination destination_for(const CheckContext& context, const ConfigDocument& document) {
  const auto& config = context.config;
  if (config.configfile && config.section && !config.parse_error) {
    auto section = "[" + *config.section + "]";
    if (*config.configfile != document.source->path()) {
      section += " of " + shown_path(*config.configfile, document.source->path().parent_path());
    }
    return {section, is_ini_kind(file_kind(*config.configfile))};
  }
  const auto kind = file_kind(document.source->path());
  return {kind == FileKind::Pyproject ? "[tool.pytest.ini_options]" : pytest_section_header(kind, config.behaviour),
          is_ini_kind(kind)};
}

// The settings of the group that have a real equivalent, written into the config pytest
// reads: arguments appended to addopts, keys before its first key. nullopt when none has.
struct Translations {
  std::vector<Edit> edits;
  std::vector<std::string> written;  // "`max_workers` as `-n auto` in addopts"
};
std::optional<Translations> translations_of(const CheckContext& context, const SettingsGroup& group) {
  const auto& config = context.config;
  if (!config.source || !config.section || config.parse_error) return std::nullopt;
  const bool toml = is_toml_config(context);
  std::vector<std::string> arguments;
  Translations out;
  std::optional<Edit> keys;
  for (const auto& setting : group.settings) {
    const auto translation = translation_of(context, setting);
    if (!translation) continue;
    if (!translation->arguments.empty()) {
      arguments.insert(arguments.end(), translation->arguments.begin(), translation->arguments.end());
      out.written.push_back(
          fmt::format("`{}` as `{}` in addopts", setting.key, fmt::join(translation->arguments, " ")));
      continue;
    }
    const auto value = toml ? "\"" + translation->value + "\"" : translation->value;
    auto edit = insert_key(context, translation->key, value);
    if (!edit) continue;
    if (keys) {
      keys->replacement += edit->replacement;  // the same place: before the first key
    } else {
      keys = std::move(edit);
    }
    out.written.push_back(fmt::format("`{}` as `{} = {}`", setting.key, translation->key, value));
  }
  if (out.written.empty()) return std::nullopt;
  if (keys) out.edits.push_back(std::move(*keys));
  if (!arguments.empty()) {
    auto edit = append_to_addopts(context, arguments);
    if (!edit) return std::nullopt;
    out.edits.push_back(std::move(*edit));
  }
  return out;
}

// The group's fix: commenting it out (safe) or, when some settings have a real equivalent,
// writing those where pytest reads them as well, in one unsafe fix: applied apart, a pass
// that comments the group out would leave nothing to offer the rest again.
std::optional<Fix> group_fix(const CheckContext& context, DiagnosticSink& sink, const ConfigDocument& document,
                             const SettingsGroup& group, std::optional<Fix> comment_out) {
  const auto translations = translations_of(context, group);
  if (!translations) return comment_out;
  auto& note = sink.report("D005", Location::in(document.source, group.span),
                           fmt::format("what pytest or an installed plugin can do of these settings: {}",
                                       fmt::join(translations->written, ", ")));
  note.severity = Severity::Info;
  Fix fix{Applicability::Unsafe, fmt::format("write {}", fmt::join(translations->written, ", ")), translations->edits};
  if (comment_out) {
    fix.message += " and " + comment_out->message;
    fix.edits.insert(fix.edits.end(), comment_out->edits.begin(), comment_out->edits.end());
  }
  return fix;
}

void report_group(const CheckContext& context, DiagnosticSink& sink, const ConfigDocument& document,
                  const SettingsGroup& group, std::string message, std::string help, std::optional<Fix> fix = {}) {
  if (group.settings.empty()) return;  // nothing is lost
  auto chosen_fix = group_fix(context, sink, document, group, std::move(fix));
  auto& diagnostic = sink.report("D005", Location::in(document.source, group.span), std::move(message));
  diagnostic.help = std::move(help);
  diagnostic.fix = std::move(chosen_fix);
  const auto destination = destination_for(context, document);
  for (const auto& setting : group.settings) {
    auto& note = sink.report("D005", Location::in(document.source, setting.key_span),
                             intended_setting(context, setting, destination));
    note.severity = Severity::Info;
  }
}

bool is_comment_or_blank(std::string_view line) {
  const auto first = line.find_first_not_of(" \t");
  return first == std::string_view::npos || line[first] == '#' || line[first] == ';';
}

// Comments the section out, line by line, under a line that says why: pytest reads nothing
// of it, so nothing pytest does changes, and what the author wrote stays in the file.
Fix comment_out(const ConfigDocument& document, const IniSection& section, std::string_view reason) {
  const auto& source = document.source;
  const auto& sections = document.ini->sections;
  std::size_t end_line = source->line_count() + 1;  // the line after the section
  for (std::size_t i = 0; i + 1 < sections.size(); ++i) {
    if (&sections[i] == &section) end_line = sections[i + 1].line;
  }
  Fix fix;
  fix.message = fmt::format("comment out [{}], saying why", section.name);
  const auto header_line = source->position(section.header_span.begin).line;
  const auto first = source->line_span(header_line).begin;
  auto eol = source->line_break(header_line);
  if (eol.empty()) eol = "\n";
  fix.edits.push_back({source, {first, first}, fmt::format("# Commented out by paralint (D005): {}.{}", reason, eol)});
  for (std::size_t line = header_line; line < end_line && line <= source->line_count(); ++line) {
    const auto span = source->line_span(line);
    if (is_comment_or_blank(source->slice(span))) continue;
    fix.edits.push_back({source, {span.begin, span.begin}, "# "});
  }
  return fix;
}

// What the section's name suggests the author had in mind, as a parenthesis.
std::string name_hint(std::string_view name, FileKind kind) {
  const auto normalized = normalized_key(name);
  if (normalized == "tool:pytest") return " ([tool:pytest] is setup.cfg's section)";
  if (normalized == "pytest") return kind == FileKind::SetupCfg ? "" : " (section names are case-sensitive)";
  if (normalized.starts_with("tool.pytest")) return " (TOML table names mean nothing in an INI file)";
  return {};
}

void check_ini(const CheckContext& context, DiagnosticSink& sink, const ConfigDocument& document) {
  const auto& path = document.source->path();
  const auto kind = file_kind(path);
  const std::string read = kind == FileKind::SetupCfg ? "tool:pytest" : "pytest";
  // A chosen file without [pytest] whose other section was meant as [pytest]: D004 renames it.
  const bool chosen_without_section =
      context.directory_config == nullptr && context.config.configfile == path && !context.config.section;
  const auto* meant = chosen_without_section ? section_meant_as_pytest(*document.ini) : nullptr;
  for (const auto& section : document.ini->sections) {
    if (section.name == read || &section == meant || !looks_like_pytest(section.name)) continue;
    if (section.name == "pytest" && has_setup_cfg_pytest_section(document)) continue;  // D003
    report_group(
        context, sink, document, ini_group(section),
        fmt::format("pytest never reads [{}] in {}: it reads only [{}] there and skips other sections without a "
                    "warning, even under --strict-config{}",
                    section.name, document.file_name(), read, name_hint(section.name, kind)),
        fmt::format("move the settings pytest or a plugin knows into [{}] (see the notes on each key) and delete [{}]",
                    read, section.name),
        comment_out(document, section,
                    fmt::format("pytest reads only [{}] in {}; see `paralint rule D005` for where each setting belongs",
                                read, document.file_name())));
  }
}

// Subtables of the table pytest reads: pytest takes each as one option holding the table.
void check_subtables(const CheckContext& context, DiagnosticSink& sink, const ConfigDocument& document,
                     std::string_view path, const Value& table, std::string_view skipped_key = {}) {
  for (const auto& entry : table.entries) {
    if (!entry.value.is_table() || entry.key == skipped_key || !context.owners_of_key(entry.key).empty()) continue;
    const auto subpath = std::string(path) + "." + entry.key;
    report_group(
        context, sink, document, toml_group(*document.source, subpath, entry.value, Nesting::Flatten),
        fmt::format("pytest {} does not read [{}] as a section: it takes `{}` as one option whose value is the whole "
                    "table, and reports it as an unknown config option; none of the settings inside apply",
                    context.target.pytest().str(), subpath, entry.key),
        fmt::format("move the settings pytest or a plugin knows into [{}] itself (see the notes on each key) and "
                    "delete [{}]",
                    path, subpath));
  }
}

void check_pytest_toml(const CheckContext& context, DiagnosticSink& sink, const ConfigDocument& document) {
  const auto& source = *document.source;
  const auto& root = document.toml->root;
  const auto version_note = context.config.behaviour.native_toml
                                ? std::string()
                                : fmt::format(" (from pytest {}; pytest {} does not look for this file)",
                                              release_with("native-toml"), context.target.pytest().str());
  // Other tools keep files named pytest.toml too: only what looks like pytest config counts.
  SettingsGroup loose;
  loose.header = "top-level keys";
  bool loose_keys_are_pytest_settings = false;
  for (const auto& entry : root.entries) {
    if (entry.key == "pytest") continue;
    if (!entry.value.is_table()) {
      // The span covers every top-level key (TOML puts them all before the first table).
      if (loose.settings.empty()) loose.span.begin = entry.key_span.begin;
      loose.span.end = entry.value.span.end;
      loose.settings.push_back(
          {entry.key, entry.key_span,
           entry.value.is_string() ? entry.value.string : std::string(source.slice(entry.value.span))});
      loose_keys_are_pytest_settings = loose_keys_are_pytest_settings || !context.owners_of_key(entry.key).empty();
      continue;
    }
    const auto [path, table] = shown_table(source, entry.key, &entry.value);
    if (!looks_like_pytest(path)) continue;
    report_group(context, sink, document, toml_group(source, path, *table, Nesting::Flatten),
                 fmt::format("pytest never reads [{}] in {}: it reads only the [pytest] table{}", path,
                             document.file_name(), version_note),
                 "move the settings pytest or a plugin knows into [pytest] (see the notes on each key)");
  }
  if (!loose_keys_are_pytest_settings) loose.settings.clear();
  report_group(context, sink, document, loose,
               fmt::format("pytest never reads top-level keys in {}: it reads only the [pytest] table{}",
                           document.file_name(), version_note),
               "put them under a [pytest] header (see the notes on each key)");
  const auto* pytest_table = root.find("pytest");
  if (pytest_table != nullptr && pytest_table->is_table() && document.status == CandidateStatus::Chosen) {
    check_subtables(context, sink, document, "pytest", *pytest_table);
  }
}

void check_pyproject(const CheckContext& context, DiagnosticSink& sink, const ConfigDocument& document) {
  const auto& source = *document.source;
  if (const auto* stray = document.toml->root.find("pytest"); stray != nullptr && stray->is_table()) {
    const auto [path, table] = shown_table(source, "pytest", stray);
    report_group(context, sink, document, toml_group(source, path, *table, Nesting::Flatten),
                 fmt::format("pytest never reads a top-level [{}] table in {}: it reads {}", path, document.file_name(),
                             context.config.behaviour.native_toml ? "[tool.pytest] or [tool.pytest.ini_options]"
                                                                  : "[tool.pytest.ini_options]"),
                 "move the settings under [tool.pytest.ini_options] (see the notes on each key)");
  }
  // Subtables only matter in the file pytest reads; a skipped file is D002's.
  const auto tables = pyproject_tables(document);
  if (!tables || document.status != CandidateStatus::Chosen || tables->conflict()) return;
  const bool native = context.config.behaviour.native_toml && !tables->native.empty();
  if (native) {
    check_subtables(context, sink, document, "tool.pytest", *tables->tool_pytest, "ini_options");
  } else if (tables->ini_options != nullptr && tables->ini_options->is_table()) {
    check_subtables(context, sink, document, "tool.pytest.ini_options", *tables->ini_options);
  }
}

}  // namespace

void check_section_never_read(const CheckContext& context, DiagnosticSink& sink) {
  for (const auto& document : context.documents) {
    if (document.ini && !document.ini->error) {
      check_ini(context, sink, document);
    } else if (document.toml && !document.toml->error) {
      if (file_kind(document.source->path()) == FileKind::PytestToml) {
        check_pytest_toml(context, sink, document);
      } else {
        check_pyproject(context, sink, document);
      }
    }
  }
}

}  // namespace paralint::rules
