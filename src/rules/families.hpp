#pragma once
// Each family's rule functions, listed in src/rules/<family>/list.cpp.

#include <vector>

#include "paralint/rules/rule.hpp"

namespace paralint::rules {

const std::vector<RuleFunction>& discovery_rules();
const std::vector<RuleFunction>& key_rules();
const std::vector<RuleFunction>& filterwarnings_rules();
const std::vector<RuleFunction>& addopts_rules();
const std::vector<RuleFunction>& xdist_rules();
const std::vector<RuleFunction>& marker_rules();
const std::vector<RuleFunction>& gate_rules();
const std::vector<RuleFunction>& parallel_rules();
const std::vector<RuleFunction>& coverage_rules();

}  // namespace paralint::rules
