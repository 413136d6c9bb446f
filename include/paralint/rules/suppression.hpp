#pragma once
// Suppression comments in config files.
//
//   # paralint: ignore[A001,K003]        one entry: at the end of the entry's first line (TOML
//                                        only) or on a line of its own directly above it
//   # paralint: ignore-file[D005]        the whole file, from any line of its own
//   # paralint: ignore-file              the whole file, every rule
//
// INI files take `;` as well as `#`. There a suppression must stand on a line of its own:
// iniconfig keeps any other text in the value (and configparser, which tox and setuptools use
// on the same files, reads a section line up to its last `]`), so a same-line one is not
// honoured and S003 says what it does instead.
//
// An entry is a key's line and its continuation lines (INI) or the lines of its value (TOML).
// A suppression above (or at the end of) a line where no entry starts — a section header, an
// element of a multi-line array, a continuation line — covers that line alone. A diagnostic is
// covered when the first line of its span is. Codes are exact rule codes: a family prefix
// would silence rules nobody looked at, which is what per-file-ignores in the settings is for.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "paralint/rules/check.hpp"
#include "paralint/rules/check_context.hpp"
#include "paralint/rules/diagnostic.hpp"
#include "paralint/rules/rule.hpp"

namespace paralint {

enum class SuppressionScope { Entry, File };

struct SuppressedCode {
  std::string code;
  Span span;
  bool known = false;      // names a rule
  bool duplicate = false;  // listed before in the same comment
  bool used = false;       // covered a diagnostic of its rule
};

struct Suppression {
  std::shared_ptr<const SourceText> source;
  bool ini = false;
  SuppressionScope scope = SuppressionScope::Entry;
  Span comment;                       // from the comment character to the end of the line's text
  Span list;                          // `[…]` with its brackets; empty when the comment has none
  std::vector<SuppressedCode> codes;  // empty for a bare ignore-file: every rule
  bool own_line = true;
  bool honoured = true;        // false for a same-line one in an INI file
  std::string problem;         // why the comment is not a suppression paralint can use, or empty
  std::size_t first_line = 0;  // the lines an Entry suppression covers (none when 0)
  std::size_t last_line = 0;
  bool used = false;  // a bare ignore-file covered a diagnostic

  [[nodiscard]] bool active() const { return honoured && problem.empty(); }
};

// The suppression comments of every document applied to `diagnostics` (those the request
// ran), and what the S rules that the request runs say about the comments added.
void apply_suppression_comments(const std::vector<ConfigDocument>& documents, const CheckRequest& request,
                                std::vector<Diagnostic>& diagnostics);

// Every `paralint:` comment in a config file, INI or TOML.
std::vector<Suppression> find_suppressions(const ConfigDocument& document);

// Drops the diagnostics that active suppressions cover, marking what each one covered.
void apply_suppressions(std::vector<Suppression>& suppressions, std::vector<Diagnostic>& diagnostics);

// What the suppression rules (src/rules/suppression/) judge, after the other rules ran and
// the suppressions were applied.
struct SuppressionReview {
  const std::vector<Suppression>& suppressions;
  const std::vector<ConfigDocument>& documents;
  const CheckRequest& request;  // which rules ran on which file
};

using SuppressionCheck = void (*)(const SuppressionReview&, DiagnosticSink&);

struct SuppressionRuleFunction {
  std::vector<std::string_view> codes;
  SuppressionCheck check = nullptr;
};

// The S family, listed in src/rules/suppression/list.cpp.
const std::vector<SuppressionRuleFunction>& suppression_rule_functions();

}  // namespace paralint
