#include "paralint/model/coverage_config.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "paralint/read/python_text.hpp"
#include "paralint/read/toml_reader.hpp"
#include "paralint/util/spelling.hpp"

namespace paralint {

namespace fs = std::filesystem;

namespace {

// HandyConfigParser.getlist: split on line breaks, then on commas; strip; drop empty items.
void add_list_items(std::vector<std::string>& list, std::string_view text) {
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = std::min(text.find_first_of(",\n", start), text.size());
    const auto item = python::strip(text.substr(start, end - start));
    if (!item.empty()) list.emplace_back(item);
    start = end + 1;
  }
}

// configparser's DuplicateSectionError / DuplicateOptionError, as coverage wraps them.
void fail(CoverageFile& file, std::size_t line, Span span, const std::string& what) {
  file.error = fmt::format("Couldn't read config file {}: While reading from '{}' [line {:2}]: {}", file.name, file.name,
                           line, what);
  file.error_span = span;
}

// configparser.RawConfigParser._read, for what coverage asks of a file: its sections and their
// option names. Any error configparser raises makes the whole file unreadable.
void read_ini(CoverageFile& file) {
  const auto text = file.source->bytes();
  CoverageSection* section = nullptr;
  bool in_option = false;          // a continuation line may follow
  std::size_t option_indent = 0;   // the indent of the option's first line
  std::set<std::string> sections_seen;
  std::set<std::pair<std::string, std::string>> options_seen;
  for (std::size_t line = 1; line <= file.source->line_count(); ++line) {
    const auto span = file.source->line_span(line);
    const auto raw = text.substr(span.begin, span.size());
    const auto value = python::strip(raw);
    if (value.empty() || value.starts_with('#') || value.starts_with(';')) continue;
    const auto indent = static_cast<std::size_t>(value.data() - raw.data());
    if (section != nullptr && in_option && indent > option_indent) {  // a continuation line
      add_list_items(section->options.back().list, value);
      continue;
    }
    option_indent = indent;
    const auto offset = span.begin + indent;
    // SECTCRE \[(?P<header>.+)\]: from the first "[" to the last "]" of the line.
    if (value.starts_with('[') && value.find(']', 1) != std::string_view::npos && value.rfind(']') > 1) {
      const auto name = std::string(value.substr(1, value.rfind(']') - 1));
      if (!sections_seen.insert(name).second) {
        fail(file, line, span, "section '" + name + "' already exists");
        return;
      }
      file.sections.push_back({name, {offset + 1, offset + 1 + name.size()}, {}});
      section = &file.sections.back();
      in_option = false;
      continue;
    }
    if (section == nullptr) {
      file.error = "Couldn't read config file " + file.name + ": File contains no section headers.";
      file.error_span = span;
      return;
    }
    // OPTCRE (?P<option>.*?)\s*(?P<vi>[=:])\s*(?P<value>.*)$: the name ends at the first = or :.
    const auto delimiter = value.find_first_of("=:");
    const auto name = python::rstrip(value.substr(0, delimiter == std::string_view::npos ? 0 : delimiter));
    if (delimiter == std::string_view::npos || name.empty()) {
      file.error = "Couldn't read config file " + file.name + ": Source contains parsing errors: '" + file.name + "'";
      file.error_span = span;
      return;
    }
    const auto lowered = ascii_lower(name);
    if (!options_seen.emplace(section->name, lowered).second) {
      fail(file, line, span, "option '" + lowered + "' in section '" + section->name + "' already exists");
      return;
    }
    section->options.push_back({lowered, {offset, offset + name.size()}, {}});
    add_list_items(section->options.back().list, value.substr(delimiter + 1));
    in_option = true;
  }
}

// coverage's TomlConfigParser: the tables under [tool.coverage], each a section.
void read_pyproject(CoverageFile& file) {
  const auto& document = read_toml_once(*file.source);
  if (document.error) {
    file.error = fmt::format("Couldn't read config file {}: {} (at line {}, column {})", file.name,
                             document.error->message, document.error->line, document.error->column);
    const auto line = std::max<std::size_t>(document.error->line, 1);
    if (line <= file.source->line_count()) file.error_span = file.source->line_span(line);
    return;
  }
  const auto* tool = document.root.find("tool");
  const auto* coverage = tool != nullptr && tool->is_table() ? tool->find("coverage") : nullptr;
  if (coverage == nullptr || !coverage->is_table()) return;
  for (const auto& entry : coverage->entries) {
    if (!entry.value.is_table()) continue;
    CoverageSection section{"tool.coverage." + entry.key, entry.key_span, {}};
    for (const auto& option : entry.value.entries) {
      CoverageOptionEntry read{option.key, option.key_span, {}};
      if (option.value.is_string()) add_list_items(read.list, option.value.string);
      for (const auto& item : option.value.items) {
        if (item.is_string()) read.list.push_back(item.string);
      }
      section.options.push_back(std::move(read));
    }
    file.sections.push_back(std::move(section));
  }
}

// TomlConfigParser.read: a pyproject.toml that is not the rcfile is read only when a line
// starts with "[tool.coverage." (re.search(r"^\[tool\.coverage\.", text, re.MULTILINE)).
bool names_coverage_tables(std::string_view text) {
  for (std::size_t at = text.find("[tool.coverage."); at != std::string_view::npos;
       at = text.find("[tool.coverage.", at + 1)) {
    if (at == 0 || text[at - 1] == '\n') return true;
  }
  return false;
}

}  // namespace

const CoverageOptionEntry* CoverageSection::option(std::string_view option_name) const {
  for (const auto& entry : options) {
    if (entry.name == option_name) return &entry;
  }
  return nullptr;
}

const CoverageSection* CoverageFile::find(std::string_view section) const {
  std::vector<std::string> prefixes;
  if (toml) {
    prefixes = {"tool.coverage."};
  } else {
    prefixes = {"coverage:"};
    if (ours) prefixes.emplace_back("");
  }
  for (const auto& prefix : prefixes) {
    for (const auto& candidate : sections) {
      if (candidate.name == prefix + std::string(section)) return &candidate;
    }
  }
  return nullptr;
}

std::vector<CoverageFile> coverage_config_files(const fs::path& directory, const std::optional<std::string>& rcfile) {
  // pytest-cov passes --cov-config (default ".coveragerc"); coverage treats ".coveragerc" as
  // "not specified" and then tries it all the same.
  const auto ours = rcfile.value_or(".coveragerc");
  const std::vector<std::pair<std::string, bool>> candidates = {
      {ours, true}, {"setup.cfg", false}, {"tox.ini", false}, {"pyproject.toml", false}};
  std::vector<CoverageFile> files;
  for (const auto& [name, is_ours] : candidates) {
    const auto path = fs::path(name).is_absolute() ? fs::path(name) : directory / name;
    std::error_code error;
    if (!fs::is_regular_file(path, error)) {
      // coverage.config.read_coverage_config: a file named on purpose must be read.
      if (is_ours && rcfile && *rcfile != ".coveragerc") {
        CoverageFile missing{name, path, nullptr, true, false, {}, fmt::format("Couldn't read {} as a config file",
                                                                             python::repr(name)), {}};
        files.push_back(std::move(missing));
        return files;
      }
      continue;
    }
    std::string read_error;
    auto source = read_source_once(path, read_error);
    if (!source) continue;
    CoverageFile file{name, path, std::move(source), is_ours, path.extension() == ".toml", {}, std::nullopt, {}};
    if (file.toml) {
      if (!is_ours && !names_coverage_tables(file.source->bytes())) continue;
      read_pyproject(file);
    } else {
      read_ini(file);
    }
    files.push_back(std::move(file));
  }
  return files;
}

}  // namespace paralint
