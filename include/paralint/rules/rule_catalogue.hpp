#pragma once
// The documentation of every rule, read from the embedded rules/*.toml: the single source
// for `paralint rules`, `paralint rule CODE`, docs/rules/ and each diagnostic's name and
// default severity.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "paralint/rules/diagnostic.hpp"

namespace paralint {

struct RuleDoc {
  std::string code;      // e.g. "A001": family letter(s) + 3 digits, stable once released
  std::string name;      // kebab-case, e.g. "inline-comment-in-addopts"
  Severity severity = Severity::Warning;  // the default; a rule may lower it and says why
  std::string summary;   // one line
  std::string why;       // what pytest really does, and why it matters
  std::string example_file;  // file name the examples are written in, e.g. "pytest.ini"
  std::string example_bad;
  std::string example_good;
  std::string fix;       // "safe", "unsafe" or "none"
  std::string fix_description;
  // What the fix may change in what pytest reads (rules/README.md): ini keys, "configfile",
  // "section", "the reported key", "new keys", "every key".
  std::vector<std::string> fix_changes;
  std::string verified;  // how the behaviour it states was confirmed
};

struct RuleFamily {
  std::string prefix;
  std::string title;
  bool opt_in = false;  // left out of ALL: only a selection that names it runs it
};
// Whether `code` belongs to an opt-in family.
bool in_opt_in_family(std::string_view code);

// What a check run needs of each rule, compiled from rules/*.toml at build time
// (cmake/rule_index.cmake) so that reporting a diagnostic parses no TOML. Sorted by code.
struct RuleIndexEntry {
  std::string_view code;
  std::string_view name;
  Severity severity;
};
std::span<const RuleIndexEntry> rule_index();
// The prefixes of the families with `opt_in = true`, from the same build-time reading.
std::span<const std::string_view> opt_in_prefixes();
const RuleIndexEntry* find_rule(std::string_view code);

const std::vector<RuleDoc>& rule_docs();
const std::vector<RuleFamily>& rule_families();
const RuleDoc* find_rule_doc(std::string_view code);

}  // namespace paralint
