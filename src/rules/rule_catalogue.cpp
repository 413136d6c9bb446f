#include "paralint/rules/rule_catalogue.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <stdexcept>

#include "read/tomlpp.hpp"

#include "paralint/util/embedded_data.hpp"

namespace paralint {

namespace {

std::string text_of(const toml::table& table, std::string_view key) {
  return std::string(table[key].value_or(std::string_view{}));
}

// Rule files ship inside the binary and the unit tests read every one, so a malformed
// file is a build defect.
RuleDoc parse_rule(std::string_view file, std::string_view text) {
  auto parsed = toml::parse(text, file);
  if (!parsed) throw std::logic_error(std::string(file) + ": " + std::string(parsed.error().description()));
  const auto& root = parsed.table();
  RuleDoc doc;
  doc.code = text_of(root, "code");
  doc.name = text_of(root, "name");
  const auto severity = parse_severity(text_of(root, "severity"));
  if (doc.code.empty() || doc.name.empty() || !severity) {
    throw std::logic_error(std::string(file) + ": needs code, name and severity");
  }
  doc.severity = *severity;
  doc.summary = text_of(root, "summary");
  doc.why = text_of(root, "why");
  doc.fix = text_of(root, "fix");
  doc.fix_description = text_of(root, "fix_description");
  if (const auto* changes = root["fix_changes"].as_array()) {
    for (const auto& item : *changes) {
      if (const auto* text = item.as_string()) doc.fix_changes.push_back(text->get());
    }
  }
  if (doc.fix != "none" && !root["fix_changes"].is_array()) {
    throw std::logic_error(std::string(file) + ": a rule with a fix needs fix_changes");
  }
  doc.verified = text_of(root, "verified");
  if (const auto* example = root["example"].as_table()) {
    doc.example_file = text_of(*example, "file");
    doc.example_bad = text_of(*example, "bad");
    doc.example_good = text_of(*example, "good");
  }
  return doc;
}

}  // namespace

const std::vector<RuleDoc>& rule_docs() {
  static const std::vector<RuleDoc> docs = [] {
    std::vector<RuleDoc> out;
    for (const auto& file : embedded_files()) {
      // rules/CODE.toml; not families.toml, nor the profiles in rules/profiles/.
      if (file.name.starts_with("rules/") && file.name.ends_with(".toml") && file.name != "rules/families.toml" &&
          file.name.find('/', 6) == std::string_view::npos) {
        out.push_back(parse_rule(file.name, file.contents));
      }
    }
    std::sort(out.begin(), out.end(), [](const RuleDoc& left, const RuleDoc& right) { return left.code < right.code; });
    return out;
  }();
  return docs;
}

bool in_opt_in_family(std::string_view code) {
  const auto prefixes = opt_in_prefixes();
  return std::any_of(prefixes.begin(), prefixes.end(), [&](std::string_view prefix) { return code.starts_with(prefix); });
}

const std::vector<RuleFamily>& rule_families() {
  static const std::vector<RuleFamily> families = [] {
    std::vector<RuleFamily> out;
    const auto text = embedded_file("rules/families.toml");
    if (!text) throw std::logic_error("rules/families.toml is not embedded");
    auto parsed = toml::parse(*text, std::string_view("rules/families.toml"));
    if (!parsed) throw std::logic_error(std::string(parsed.error().description()));
    if (const auto* entries = parsed.table()["family"].as_array()) {
      for (const auto& entry : *entries) {
        const auto& table = *entry.as_table();
        out.push_back({text_of(table, "prefix"), text_of(table, "title"), table["opt_in"].value_or(false)});
      }
    }
    return out;
  }();
  return families;
}

const RuleIndexEntry* find_rule(std::string_view code) {
  const auto index = rule_index();
  const auto found = std::lower_bound(index.begin(), index.end(), code,
                                     [](const RuleIndexEntry& entry, std::string_view wanted) { return entry.code < wanted; });
  return found != index.end() && found->code == code ? &*found : nullptr;
}

// `paralint rule CODE` explains one rule: it parses only that file, not the catalogue.
const RuleDoc* find_rule_doc(std::string_view code) {
  static std::map<std::string, std::optional<RuleDoc>, std::less<>> parsed;
  if (const auto known = parsed.find(code); known != parsed.end()) return known->second ? &*known->second : nullptr;
  const auto file = "rules/" + std::string(code) + ".toml";
  const auto text = embedded_file(file);
  auto& slot = parsed[std::string(code)];
  if (text) slot = parse_rule(file, *text);
  return slot ? &*slot : nullptr;
}

std::string_view severity_name(Severity severity) {
  switch (severity) {
    case Severity::Info: return "info";
    case Severity::Warning: return "warning";
    case Severity::Error: return "error";
  }
  return "warning";
}

std::optional<Severity> parse_severity(std::string_view name) {
  if (name == "info") return Severity::Info;
  if (name == "warning") return Severity::Warning;
  if (name == "error") return Severity::Error;
  return std::nullopt;
}

}  // namespace paralint
