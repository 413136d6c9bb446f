#include "paralint/fix/migrate.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "paralint/read/ini_reader.hpp"
#include "paralint/read/source_text.hpp"
#include "paralint/read/toml_reader.hpp"

namespace paralint {

namespace {

namespace fs = std::filesystem;

bool is_bare_key(std::string_view key) {
  return !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

// One character of a TOML basic string body; a line break stays literal in a multi-line one.
void append_escaped(std::string& out, char c, bool multi_line) {
  switch (c) {
    case '"': out += "\\\""; return;
    case '\\': out += "\\\\"; return;
    case '\t': out += "\\t"; return;
    case '\r': out += "\\r"; return;
    case '\n': out += multi_line ? "\n" : "\\n"; return;
    default: break;
  }
  const auto byte = static_cast<unsigned char>(c);
  if (byte < 0x20 || byte == 0x7f) {
    out += fmt::format("\\u{:04X}", byte);
  } else {
    out += c;
  }
}

// A new line's break in `source`: the file's own (its first line's), else LF.
std::string line_break_of(const SourceText& source) {
  const auto own = source.line_break(1);
  return own.empty() ? "\n" : std::string(own);
}

// The lines of `text` as TOML comments, each after "# ".
std::string as_comments(std::string_view text, std::string_view line_break) {
  std::string out;
  std::size_t begin = 0;
  while (begin < text.size()) {
    auto end = text.find_first_of("\r\n", begin);
    if (end == std::string_view::npos) end = text.size();
    const auto line = text.substr(begin, end - begin);
    out += line.empty() ? "#" : "# ";
    for (const char c : line) {
      // TOML allows no control character but a tab in a comment.
      const auto byte = static_cast<unsigned char>(c);
      out += (byte < 0x20 && c != '\t') || byte == 0x7f ? fmt::format("\\x{:02x}", byte) : std::string(1, c);
    }
    out += line_break;
    begin = end;
    if (begin < text.size() && text[begin] == '\r') ++begin;
    if (begin < text.size() && text[begin] == '\n') ++begin;
  }
  return out;
}

// The section's lines in its file, from its header's line to the next header's, as the INI
// reader that found the config sees the headers.
struct SectionLines {
  std::size_t begin = 0;
  std::size_t end = 0;
};

std::optional<SectionLines> section_lines(const EffectiveConfig& config) {
  const auto& source = *config.source;
  const auto document = read_ini(source, {config.behaviour.iniconfig_splitlines, config.behaviour.iniconfig_strip_bom});
  const auto& sections = document.sections;
  auto line_start = [&](const IniSection& section) {
    return source.line_span(source.position(section.header_span.begin).line).begin;
  };
  for (std::size_t i = 0; i < sections.size(); ++i) {
    if (sections[i].name != *config.section) continue;
    return SectionLines{line_start(sections[i]), i + 1 < sections.size() ? line_start(sections[i + 1]) : source.bytes().size()};
  }
  return std::nullopt;
}

bool holds_pytest_settings(const TomlDocument& document) {
  const auto* tool = document.root.find("tool");
  return tool != nullptr && tool->find("pytest") != nullptr;
}

}  // namespace

std::string toml_string(std::string_view text, std::string_view line_break) {
  const bool multi_line = text.find('\n') != std::string_view::npos;
  const std::string_view quotes = multi_line ? R"(""")" : R"(")";
  std::string out(quotes);
  if (multi_line) out += line_break;
  for (const char c : text) {
    if (c == '\n' && multi_line) {
      out += line_break;
    } else {
      append_escaped(out, c, multi_line);
    }
  }
  out += quotes;
  return out;
}

std::optional<MigrationPlan> plan_migration(const EffectiveConfig& config, const MigrationOptions& options,
                                            std::string& error) {
  if (!config.configfile || !config.source) {
    error = "no config file: there is nothing to move";
    return std::nullopt;
  }
  const auto& from = *config.configfile;
  const auto name = from.filename().string();
  if (name != "pytest.ini" && name != ".pytest.ini" && name != "tox.ini" && name != "setup.cfg") {
    error = fmt::format("pytest reads {}, which is TOML already", name);
    return std::nullopt;
  }
  if (config.parse_error) {
    error = fmt::format("pytest cannot read {} as it is; `paralint check` says why", name);
    return std::nullopt;
  }
  if (!config.section) {
    error = fmt::format("{} has no section pytest reads settings from: there is no setting to move", name);
    return std::nullopt;
  }
  MigrationPlan plan;
  plan.from = from;
  plan.from_section = *config.section;
  plan.to = from.parent_path() / "pyproject.toml";
  plan.settings = config.ini.size();

  std::string before;
  std::string line_break = line_break_of(*config.source);
  std::error_code missing;
  if (fs::exists(fs::symlink_status(plan.to, missing))) {
    const auto target = read_source_once(plan.to, error);
    if (!target) {
      error = fmt::format("{}: {}", plan.to.filename().string(), error);
      return std::nullopt;
    }
    const auto& document = read_toml_once(*target);
    if (document.error) {
      error = "pyproject.toml is not TOML pytest can read; `paralint check` says why";
      return std::nullopt;
    }
    if (holds_pytest_settings(document)) {
      error = "pyproject.toml already holds pytest settings ([tool.pytest…]): merging two configs is for the author";
      return std::nullopt;
    }
    before = std::string(target->bytes());
    line_break = line_break_of(*target);
  }

  const auto old_bytes = config.source->bytes();
  const auto lines = section_lines(config);
  const bool whole_file = name == "pytest.ini" || name == ".pytest.ini";
  const auto moved_text = whole_file || !lines ? old_bytes : old_bytes.substr(lines->begin, lines->end - lines->begin);

  std::string table;
  table += fmt::format("# Moved by `paralint migrate` from {}; what it held, as written:{}", name, line_break);
  table += as_comments(moved_text, line_break);
  table += "[tool.pytest.ini_options]" + line_break;
  for (const auto& entry : config.ini) {
    const auto key = is_bare_key(entry.key) ? entry.key : toml_string(entry.key, line_break);
    table += key;
    table += " = ";
    table += toml_string(entry.value.string, line_break);
    table += line_break;
  }

  std::string after = before;
  if (!after.empty()) {
    if (after.back() != '\n' && after.back() != '\r') after += line_break;
    after += line_break;
  }
  after += table;
  plan.originals[plan.to] = before;
  plan.writes[plan.to] = std::move(after);

  if (options.remove_old) {
    if (whole_file) {
      plan.removals.push_back(from);
    } else if (lines) {
      std::string rest(old_bytes.substr(0, lines->begin));
      rest += old_bytes.substr(lines->end);
      plan.originals[from] = std::string(old_bytes);
      plan.writes[from] = std::move(rest);
    }
  }
  return plan;
}

}  // namespace paralint
