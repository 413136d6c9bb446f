#pragma once
// What the discovery rules share: which section pytest reads in each kind of file, the
// settings a section or table holds and where its header is, and how pyproject.toml's
// pytest tables are laid out.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "paralint/rules/check_context.hpp"

namespace paralint::rules {

// How pytest's load_config_dict_from_file treats a file: by suffix, except that
// pytest.toml and .pytest.toml are told apart from pyproject.toml by name.
enum class FileKind { Ini, SetupCfg, PytestToml, Pyproject };
FileKind file_kind(const std::filesystem::path& path);

// The header of the section pytest reads in that kind of file, as a user writes it.
std::string pytest_section_header(FileKind kind, const Behaviour& behaviour);

struct Setting {
  std::string key;
  Span key_span;
  std::string value;  // as meant: an INI value without inline comment or quotes, TOML scalar text
};

// The settings of one INI section or TOML table.
struct SettingsGroup {
  std::string header;  // "[tool:pytest]", as messages show it
  Span span;           // the header, or the first key of a table written without one
  std::vector<Setting> settings;
};

SettingsGroup ini_group(const IniSection& section);
// Keep: a nested table is one setting, as pytest sees it. Flatten: the keys inside it are
// listed instead, as their author meant them.
enum class Nesting { Keep, Flatten };

// `path` is the table's dotted name; `skipped_key` is left out.
SettingsGroup toml_group(const SourceText& source, std::string_view path, const Value& table, Nesting nesting,
                         std::string_view skipped_key = {});

// The settings (as pytest sees them) pytest reads from `document` when it takes `section` (a Candidate's section:
// "pytest", "tool:pytest", "tool.pytest.ini_options", "tool.pytest").
std::optional<SettingsGroup> pytest_group(const ConfigDocument& document, std::string_view section);

// What an INI value was meant to say: iniconfig keeps "# comment" and quotes in the value.
std::string meant_ini_value(std::string_view value);

// pyproject.toml's pytest tables (any .toml file pytest reads like pyproject.toml).
struct PyprojectTables {
  const Value* tool_pytest = nullptr;     // tool.pytest, a table
  const Value* ini_options = nullptr;     // tool.pytest.ini_options, whatever it holds
  std::vector<const TableEntry*> native;  // tool.pytest entries other than ini_options

  // pytest >= 9 refuses the file: native keys beside a non-empty ini_options.
  [[nodiscard]] bool conflict() const;
};
std::optional<PyprojectTables> pyproject_tables(const ConfigDocument& document);

// Where a table's settings start: its `[path]` header when it has one, else its first key.
Span table_span(const SourceText& source, std::string_view path, const Value& table);

// A table opened without a header of its own that holds only one table (`tool` made by
// [tool.pytest]) is shown as that deeper table: its dotted path and the table.
std::pair<std::string, const Value*> shown_table(const SourceText& source, std::string path, const Value* table);

// A section or table name written like pytest's own: `pytest`, `tool:pytest`, `tool.pytest`
// or anything under them (`pytest:xdist`, `tool:pytest.ini_options.parallel`), but not other
// tools' sections that merely contain the word (`mypy-pytest.*`, `pytest-watch`).
bool looks_like_pytest(std::string_view name);

// The name of a section pytest reads in some kind of file, ignoring case and spaces:
// `[tool:pytest]` (setup.cfg), `[tool.pytest.ini_options]`, `[Pytest]`, …
bool is_some_pytest_section(std::string_view name);

// In a .ini file without [pytest], the one section that was clearly meant as [pytest].
const IniSection* section_meant_as_pytest(const IniDocument& document);

// setup.cfg with [pytest] and no [tool:pytest]: pytest fails on it (D003).
bool has_setup_cfg_pytest_section(const ConfigDocument& document);

// Whether `reading` (may be null) stopped at a parse error in `path`.
bool reading_failed_on(const EffectiveConfig* reading, const std::filesystem::path& path);

// The document for a path, if paralint read it.
const ConfigDocument* document_at(const CheckContext& context, const std::filesystem::path& path);

// A path as messages show it: relative to `base` (`pytest.ini`, `../tox.ini`).
std::string shown_path(const std::filesystem::path& path, const std::filesystem::path& base);

// "a, b and c" for the keys of a group, the first few only.
std::string key_list(const std::vector<Setting>& settings);

// The release that first does `change_id` (schemas/versions.toml), as text.
std::string release_with(std::string_view change_id);

}  // namespace paralint::rules
