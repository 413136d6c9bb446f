#include "paralint/fix/migrate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "paralint/read/ini_reader.hpp"
#include "paralint/read/python_text.hpp"
#include "paralint/read/shlex.hpp"
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

// A number int() or float() accepts, without its surrounding whitespace and underscores.
std::string plain_number(std::string_view text) {
  std::string out;
  for (const char c : python::strip(text)) {
    if (c != '_') out += c;
  }
  return out;
}

// int(text) as Python computes it, as a TOML integer; nullopt when Python raises or TOML's
// 64 bits cannot hold it.
std::optional<std::string> python_int(std::string_view text) {
  if (!python::int_accepts(text)) return std::nullopt;
  auto digits = plain_number(text);
  const std::string sign = digits[0] == '-' ? "-" : "";
  if (digits[0] == '+' || digits[0] == '-') digits.erase(0, 1);
  const auto first = digits.find_first_not_of('0');
  const std::string magnitude = first == std::string::npos ? "0" : digits.substr(first);
  if (magnitude.size() > 18) return std::nullopt;
  return magnitude == "0" ? magnitude : sign + magnitude;
}

// float(text) as Python computes it, as a TOML float; nullopt when Python raises.
std::optional<std::string> python_float(std::string_view text) {
  if (!python::float_accepts(text)) return std::nullopt;
  std::string lower = plain_number(text);
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const std::string_view unsigned_part = lower[0] == '+' || lower[0] == '-' ? std::string_view(lower).substr(1) : lower;
  const std::string sign = lower[0] == '-' ? "-" : lower[0] == '+' ? "+" : "";
  if (unsigned_part == "inf" || unsigned_part == "infinity") return sign + "inf";
  if (unsigned_part == "nan") return sign + "nan";
  const double value = std::strtod(lower.c_str(), nullptr);
  if (!std::isfinite(value)) return std::nullopt;
  auto shown = fmt::format("{}", value);
  if (shown.find_first_of(".en") == std::string::npos) shown += ".0";
  return shown;
}

// A TOML array of strings: on one line when it is short, else one item a line.
std::string toml_array(const std::vector<std::string>& items, std::string_view line_break) {
  std::vector<std::string> quoted;
  std::size_t width = 0;
  bool multi_line_item = false;
  for (const auto& item : items) {
    quoted.push_back(toml_string(item, line_break));
    width += quoted.back().size() + 2;
    multi_line_item = multi_line_item || item.find('\n') != std::string::npos;
  }
  if (items.size() <= 1 || (width <= 72 && !multi_line_item)) {
    std::string out = "[";
    for (std::size_t i = 0; i < quoted.size(); ++i) out += (i == 0 ? "" : ", ") + quoted[i];
    return out + "]";
  }
  std::string out = "[";
  out += line_break;
  for (const auto& item : quoted) {
    out += "    ";
    out += item;
    out += ",";
    out += line_break;
  }
  return out + "]";
}

std::string_view table_of(MigrationTarget target) {
  switch (target) {
    case MigrationTarget::Pyproject: return "tool.pytest.ini_options";
    case MigrationTarget::Native: return "tool.pytest";
    case MigrationTarget::PytestToml: return "pytest";
  }
  return "";
}

// The value as written into the target table, typed by `schema` in the native forms (a
// string when no component registers the key); nullopt with `error` when the native form has
// none.
std::optional<std::string> target_value(const ConfigEntry& entry, MigrationTarget to, const IniKeySchema* schema,
                                        std::string_view line_break, std::string& error) {
  if (to == MigrationTarget::Pyproject) return toml_string(entry.value.string, line_break);
  std::string why;
  auto value = native_toml_value(entry.value.string, schema != nullptr ? schema->type : "string", line_break, why);
  if (!value) {
    error = fmt::format("{} = {}: {}; fix it first (`paralint check` says what pytest does with it), or migrate --to "
                        "pyproject, which keeps it a string",
                        entry.key, entry.value.string, why);
  }
  return value;
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

std::optional<MigrationTarget> parse_migration_target(std::string_view name) {
  if (name == "pyproject") return MigrationTarget::Pyproject;
  if (name == "native") return MigrationTarget::Native;
  if (name == "pytest-toml") return MigrationTarget::PytestToml;
  return std::nullopt;
}

std::optional<std::string> native_toml_value(std::string_view text, std::string_view type,
                                             std::string_view line_break, std::string& why) {
  if (type == "args" || type == "paths" || type == "pathlist") {
    auto split = shlex_split(text);
    if (split.error) {
      why = fmt::format("pytest cannot split it into arguments ({}), so no list holds what it means", *split.error);
      return std::nullopt;
    }
    std::vector<std::string> items;
    for (auto& token : split.tokens) items.push_back(std::move(token.text));
    return toml_array(items, line_break);
  }
  if (type == "linelist") {
    std::vector<std::string> items;
    std::size_t begin = 0;
    while (begin <= text.size()) {
      auto end = text.find('\n', begin);
      if (end == std::string_view::npos) end = text.size();
      if (const auto line = python::strip(text.substr(begin, end - begin)); !line.empty()) items.emplace_back(line);
      begin = end + 1;
    }
    return toml_array(items, line_break);
  }
  if (type == "bool") {
    if (const auto truth = python::strtobool(text)) return *truth ? "true" : "false";
    why = "not a truth value pytest knows (it raises ValueError when it reads it), so no TOML bool holds it";
    return std::nullopt;
  }
  if (type == "int") {
    if (auto value = python_int(text)) return value;
    why = "not an integer pytest can read (it raises when it reads it), so no TOML integer holds it";
    return std::nullopt;
  }
  if (type == "float") {
    if (auto value = python_float(text)) return value;
    why = "not a number pytest can read (it raises when it reads it), so no TOML float holds it";
    return std::nullopt;
  }
  return toml_string(text, line_break);
}

std::optional<MigrationPlan> plan_migration(const EffectiveConfig& config, const MigrationOptions& options,
                                            const KeyTyping& typing, std::string& error) {
  if (config.parse_error) {
    const auto& problem = *config.parse_error;
    error = fmt::format("pytest cannot read the config as it is ({}:{}: {}); `paralint check` says why",
                        problem.file.filename().string(), problem.line, problem.message);
    return std::nullopt;
  }
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
  if (!config.section) {
    error = fmt::format("{} has no section pytest reads settings from: there is no setting to move", name);
    return std::nullopt;
  }
  const bool native = options.to != MigrationTarget::Pyproject;
  if (native && !config.behaviour.native_toml) {
    error = fmt::format("pytest {} does not read {} (pytest 9 does); model pytest 9 with --pytest-version or "
                        "--python, or migrate --to pyproject",
                        typing.pytest.str(),
                        options.to == MigrationTarget::Native ? "[tool.pytest]" : "pytest.toml");
    return std::nullopt;
  }
  MigrationPlan plan;
  plan.from = from;
  plan.from_section = *config.section;
  plan.to = from.parent_path() / (options.to == MigrationTarget::PytestToml ? "pytest.toml" : "pyproject.toml");
  plan.to_table = table_of(options.to);
  plan.settings = config.ini.size();

  std::string before;
  std::string line_break(config.source->line_break_for_new(1));
  std::error_code missing;
  if (fs::exists(fs::symlink_status(plan.to, missing))) {
    if (options.to == MigrationTarget::PytestToml) {
      error = "pytest.toml exists already: merging two configs is for the author";
      return std::nullopt;
    }
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
    line_break = target->line_break_for_new(1);
  }

  const auto old_bytes = config.source->bytes();
  auto lines = section_lines(config);
  // A byte order mark belongs to the file, not to its first section: it stays when the
  // section is cut, and is not copied into the comment.
  const std::size_t bom = old_bytes.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  if (lines && lines->begin < bom) lines->begin = bom;
  const bool whole_file = name == "pytest.ini" || name == ".pytest.ini";
  const auto moved_text = whole_file || !lines ? old_bytes.substr(bom) : old_bytes.substr(lines->begin, lines->end - lines->begin);

  std::string table;
  table += fmt::format("# Moved by `paralint migrate` from {}; what it held, as written:{}", name, line_break);
  table += as_comments(moved_text, line_break);
  table += fmt::format("[{}]{}", plan.to_table, line_break);
  for (const auto& entry : config.ini) {
    const auto* schema = native ? typing.schema_of(entry.key) : nullptr;
    const auto value = target_value(entry, options.to, schema, line_break, error);
    if (!value) return std::nullopt;
    if (native && schema == nullptr) {
      plan.untyped_keys.push_back(entry.key);
      table += fmt::format("# paralint: no plugin paralint knows registers {}; kept a string, as the INI file gave it{}",
                           entry.key, line_break);
    }
    table += is_bare_key(entry.key) ? entry.key : toml_string(entry.key, line_break);
    table += " = ";
    table += *value;
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
