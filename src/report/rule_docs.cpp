#include "paralint/report/rule_docs.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <nlohmann/json.hpp>

namespace paralint {

namespace {

std::string fix_line(const RuleDoc& doc) {
  if (doc.fix == "safe") return "Fix: safe — " + doc.fix_description;
  if (doc.fix == "unsafe") return "Fix: unsafe (changes what pytest runs; review it) — " + doc.fix_description;
  return "Fix: none (the right change depends on intent)" + (doc.fix_description.empty() ? "" : " — " + doc.fix_description);
}

// What the fix may change in what pytest reads, for the fix paragraph.
std::string changes_line(const RuleDoc& doc) {
  if (doc.fix == "none" || doc.fix.empty()) return "";
  if (doc.fix_changes.empty()) return "Settings it changes: none (it edits a comment or a test source)";
  return fmt::format("Settings it changes: {}", fmt::join(doc.fix_changes, ", "));
}

std::string trimmed(const std::string& text) {
  const auto end = text.find_last_not_of(" \n");
  return end == std::string::npos ? "" : text.substr(0, end + 1);
}

std::string indented(const std::string& text) {
  std::string out = "    ";
  for (const char c : trimmed(text)) {
    out += c;
    if (c == '\n') out += "    ";
  }
  return out;
}

}  // namespace

std::string render_rule_list() {
  std::string out;
  for (const auto& family : rule_families()) {
    std::string rows;
    for (const auto& doc : rule_docs()) {
      if (doc.code.substr(0, family.prefix.size()) != family.prefix) continue;
      rows += fmt::format("  {:<5} {:<8} {:<40} {}\n", doc.code, "[" + std::string(severity_name(doc.severity)) + "]",
                          doc.name, doc.summary);
    }
    if (!rows.empty()) out += fmt::format("{}  {}\n{}\n", family.prefix, family.title, rows);
  }
  return out;
}

std::string render_rule_list_json() {
  auto array = nlohmann::ordered_json::array();
  for (const auto& doc : rule_docs()) {
    array.push_back({{"code", doc.code},
                     {"name", doc.name},
                     {"severity", severity_name(doc.severity)},
                     {"summary", doc.summary},
                     {"fix", doc.fix.empty() ? "none" : doc.fix}});
  }
  return array.dump(2) + "\n";
}

std::string render_rule_text(const RuleDoc& doc) {
  std::string out = fmt::format("{} ({}) [{}]\n\n{}\n\n", doc.code, doc.name, severity_name(doc.severity), doc.summary);
  out += "Why it matters:\n" + indented(doc.why) + "\n\n";
  if (!doc.example_bad.empty()) {
    out += fmt::format("Example ({}):\n{}\n\n", doc.example_file, indented(doc.example_bad));
    out += fmt::format("Use instead:\n{}\n\n", indented(doc.example_good));
  }
  out += fix_line(doc) + "\n";
  if (const auto changes = changes_line(doc); !changes.empty()) out += changes + "\n";
  if (!doc.verified.empty()) out += "\nVerified:\n" + indented(doc.verified) + "\n";
  return out;
}

std::string render_rule_markdown(const RuleDoc& doc) {
  std::string out = fmt::format("# {} {}\n\n", doc.code, doc.name);
  out += "<!-- Generated from rules/" + doc.code + ".toml by scripts/gen-rule-docs; do not edit. -->\n\n";
  return out + render_rule_help_markdown(doc);
}

std::string render_rule_help_markdown(const RuleDoc& doc) {
  std::string out = fmt::format("Default severity: **{}**\n\n", severity_name(doc.severity));
  out += "## What it does\n\n" + trimmed(doc.summary) + "\n\n";
  out += "## Why is this bad?\n\n" + trimmed(doc.why) + "\n\n";
  if (!doc.example_bad.empty()) {
    const auto language = doc.example_file.ends_with(".toml") ? "toml" : "ini";
    out += fmt::format("## Example\n\n`{}`:\n\n```{}\n{}\n```\n\n", doc.example_file, language, trimmed(doc.example_bad));
    out += fmt::format("Use instead:\n\n```{}\n{}\n```\n\n", language, trimmed(doc.example_good));
  }
  out += "## Fix safety\n\n" + fix_line(doc) + "\n";
  if (const auto changes = changes_line(doc); !changes.empty()) out += "\n" + changes + "\n";
  if (!doc.verified.empty()) out += "\n## Verified\n\n" + trimmed(doc.verified) + "\n";
  return out;
}

std::string render_rule_index_markdown() {
  std::string out = "# paralint rules\n\n<!-- Generated from rules/*.toml by scripts/gen-rule-docs; do not edit. -->\n\n";
  for (const auto& family : rule_families()) {
    std::string rows;
    for (const auto& doc : rule_docs()) {
      if (doc.code.substr(0, family.prefix.size()) != family.prefix) continue;
      rows += fmt::format("| [{}]({}.md) | {} | {} | {} |\n", doc.code, doc.code, doc.name, severity_name(doc.severity),
                          doc.summary);
    }
    if (rows.empty()) continue;
    out += fmt::format("## {} — {}\n\n| Code | Name | Severity | Summary |\n|---|---|---|---|\n{}\n", family.prefix,
                       family.title, rows);
  }
  return out;
}

}  // namespace paralint
