#pragma once
// Renders the rule documentation from rules/*.toml: the `paralint rules` table, the
// `paralint rule CODE` explanation, and the Markdown pages under docs/rules/.

#include <string>

#include "paralint/rules/rule_catalogue.hpp"

namespace paralint {

std::string render_rule_list();
std::string render_rule_list_json();
std::string render_rule_text(const RuleDoc& doc);
std::string render_rule_markdown(const RuleDoc& doc);
// The page without its title and generated-file note: a rule's help where a tool shows it
// under its own heading (SARIF's help.markdown).
std::string render_rule_help_markdown(const RuleDoc& doc);
std::string render_rule_index_markdown();

}  // namespace paralint
