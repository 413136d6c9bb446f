#include "rules/discovery/config_sections.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <stdexcept>

#include "paralint/read/python_text.hpp"

namespace paralint::rules {

namespace fs = std::filesystem;

namespace {

std::string lowered_without_spaces(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (std::isspace(static_cast<unsigned char>(c)) == 0) {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

// A TOML header's dotted path as written, without spaces and quotes: `[ tool."pytest" ]` → tool.pytest.
std::string header_path(std::string_view header) {
  std::string out;
  for (const char c : header.substr(1)) {
    if (c == ']') break;
    if (c != '"' && c != '\'' && std::isspace(static_cast<unsigned char>(c)) == 0) out += c;
  }
  return out;
}

void add_toml_settings(const SourceText& source, const Value& table, Nesting nesting, std::vector<Setting>& settings,
                       std::string_view skipped_key = {}) {
  for (const auto& entry : table.entries) {
    if (!skipped_key.empty() && entry.key == skipped_key) continue;
    if (entry.value.is_table() && nesting == Nesting::Flatten) {
      add_toml_settings(source, entry.value, nesting, settings);
      continue;
    }
    const auto& value = entry.value;
    settings.push_back(
        {entry.key, entry.key_span, value.is_string() ? value.string : std::string(source.slice(value.span))});
  }
}

const Value* find_path(const Value& root, std::string_view path) {
  const Value* value = &root;
  while (!path.empty()) {
    const auto dot = path.find('.');
    if (!value->is_table()) return nullptr;
    value = value->find(path.substr(0, dot));
    if (value == nullptr) return nullptr;
    path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
  }
  return value;
}

}  // namespace

FileKind file_kind(const fs::path& path) {
  const auto name = path.filename().string();
  const auto extension = path.extension().string();
  if (extension == ".toml") {
    return name == "pytest.toml" || name == ".pytest.toml" ? FileKind::PytestToml : FileKind::Pyproject;
  }
  return extension == ".cfg" ? FileKind::SetupCfg : FileKind::Ini;
}

std::string pytest_section_header(FileKind kind, const Behaviour& behaviour) {
  switch (kind) {
    case FileKind::Ini:
      return "[pytest]";
    case FileKind::SetupCfg:
      return "[tool:pytest]";
    case FileKind::PytestToml:
      return "[pytest]";
    case FileKind::Pyproject:
      return behaviour.native_toml ? "[tool.pytest] or [tool.pytest.ini_options]" : "[tool.pytest.ini_options]";
  }
  return {};
}

SettingsGroup ini_group(const IniSection& section) {
  SettingsGroup group;
  group.header = "[" + section.name + "]";
  // header_span holds the name; the brackets around it belong to the header.
  group.span = {section.header_span.begin - 1, section.header_span.end + 1};
  for (const auto& entry : section.entries) {
    group.settings.push_back({entry.key, entry.key_span, meant_ini_value(entry.value)});
  }
  return group;
}

SettingsGroup toml_group(const SourceText& source, std::string_view path, const Value& table, Nesting nesting,
                         std::string_view skipped_key) {
  SettingsGroup group;
  group.header = "[" + std::string(path) + "]";
  group.span = table_span(source, path, table);
  add_toml_settings(source, table, nesting, group.settings, skipped_key);
  return group;
}

std::optional<SettingsGroup> pytest_group(const ConfigDocument& document, std::string_view section) {
  if (document.ini) {
    const auto* found = document.ini->find(section);
    if (found == nullptr) return std::nullopt;
    return ini_group(*found);
  }
  if (!document.toml || document.toml->error) return std::nullopt;
  const auto* table = find_path(document.toml->root, section);
  if (table == nullptr || !table->is_table()) return std::nullopt;
  // A native [tool.pytest] table: its ini_options subtable is not part of it.
  return toml_group(*document.source, section, *table, Nesting::Keep, section == "tool.pytest" ? "ini_options" : "");
}

std::string meant_ini_value(std::string_view value) {
  std::string text(value);
  std::replace(text.begin(), text.end(), '\n', ' ');
  for (std::size_t i = 1; i < text.size(); ++i) {
    if ((text[i] == '#' || text[i] == ';') && std::isspace(static_cast<unsigned char>(text[i - 1])) != 0) {
      text.resize(i);
      break;
    }
  }
  auto stripped = std::string(python::strip(text));
  if (stripped.size() >= 2 && (stripped.front() == '"' || stripped.front() == '\'') &&
      stripped.back() == stripped.front()) {
    stripped = stripped.substr(1, stripped.size() - 2);
  }
  return stripped;
}

bool PyprojectTables::conflict() const {
  return !native.empty() && ini_options != nullptr && python_truthy(*ini_options);
}

std::optional<PyprojectTables> pyproject_tables(const ConfigDocument& document) {
  if (!document.toml || document.toml->error || file_kind(document.source->path()) != FileKind::Pyproject) {
    return std::nullopt;
  }
  const auto* tool_pytest = find_path(document.toml->root, "tool.pytest");
  if (tool_pytest == nullptr || !tool_pytest->is_table()) return std::nullopt;
  PyprojectTables tables;
  tables.tool_pytest = tool_pytest;
  tables.ini_options = tool_pytest->find("ini_options");
  for (const auto& entry : tool_pytest->entries) {
    if (entry.key != "ini_options") tables.native.push_back(&entry);
  }
  return tables;
}

Span table_span(const SourceText& source, std::string_view path, const Value& table) {
  // The TOML reader places a table at the header that defines it; a table made by dotted
  // keys or by a deeper header starts elsewhere.
  const auto text = source.slice(table.span);
  if (text.starts_with("[") && !text.starts_with("[[") && header_path(text) == path) return table.span;
  if (!table.entries.empty()) return table.entries.front().key_span;
  return table.span;
}

std::pair<std::string, const Value*> shown_table(const SourceText& source, std::string path, const Value* table) {
  while (table->entries.size() == 1 && table->entries.front().value.is_table() &&
         table_span(source, path, *table).begin != table->span.begin) {
    path += "." + table->entries.front().key;
    table = &table->entries.front().value;
  }
  return {path, table};
}

bool looks_like_pytest(std::string_view name) {
  const auto normalized = lowered_without_spaces(name);
  constexpr std::array<std::string_view, 3> roots = {"pytest", "tool:pytest", "tool.pytest"};
  return std::ranges::any_of(roots, [&](std::string_view root) {
    if (!normalized.starts_with(root)) return false;
    return normalized.size() == root.size() || normalized[root.size()] == '.' || normalized[root.size()] == ':';
  });
}

bool is_some_pytest_section(std::string_view name) {
  const auto normalized = lowered_without_spaces(name);
  return normalized == "pytest" || normalized == "tool:pytest" || normalized == "tool.pytest" ||
         normalized == "tool.pytest.ini_options" || normalized == "tool:pytest.ini_options";
}

const IniSection* section_meant_as_pytest(const IniDocument& document) {
  if (document.error || document.find("pytest") != nullptr) return nullptr;
  const IniSection* meant = nullptr;
  for (const auto& section : document.sections) {
    if (!is_some_pytest_section(section.name)) continue;
    if (meant != nullptr) return nullptr;  // two candidates: nothing is clear
    meant = &section;
  }
  return meant;
}

bool has_setup_cfg_pytest_section(const ConfigDocument& document) {
  return document.ini && !document.ini->error && file_kind(document.source->path()) == FileKind::SetupCfg &&
         document.ini->find("pytest") != nullptr && document.ini->find("tool:pytest") == nullptr;
}

bool reading_failed_on(const EffectiveConfig* reading, const fs::path& path) {
  return reading != nullptr && reading->parse_error && reading->parse_error->file == path;
}

const ConfigDocument* document_at(const CheckContext& context, const fs::path& path) {
  for (const auto& document : context.documents) {
    if (document.source->path() == path) return &document;
  }
  return nullptr;
}

std::string shown_path(const fs::path& path, const fs::path& base) {
  const auto relative = path.lexically_relative(base);
  return relative.empty() ? path.string() : relative.string();
}

std::string key_list(const std::vector<Setting>& settings) {
  constexpr std::size_t kShown = 6;
  std::string out;
  const auto shown = std::min(settings.size(), kShown);
  for (std::size_t i = 0; i < shown; ++i) {
    if (i > 0) out += i + 1 == shown && shown == settings.size() ? " and " : ", ";
    out += settings[i].key;
  }
  if (settings.size() > shown) out += " and " + std::to_string(settings.size() - shown) + " more";
  return out;
}

std::string release_with(std::string_view change_id) {
  for (const auto& change : known_versions().pytest.changes) {
    if (change.id == change_id) return change.since.str();
  }
  throw std::logic_error("schemas/versions.toml has no pytest change " + std::string(change_id));
}

}  // namespace paralint::rules
