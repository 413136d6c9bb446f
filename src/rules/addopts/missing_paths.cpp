// A013 addopts-path-not-found: every positional word of addopts is a collection argument
// (and `testpaths` is then ignored). pytest resolves the part before any "[" and "::"
// against the directory it is started in, without globbing; one that does not exist stops
// the run with `ERROR: file or directory not found: WORD` (exit 4). Under xdist `-n` the
// controller does not collect and the workers skip it: "no tests ran" (exit 5).
// Without -n only the first missing path is reported: pytest stops there.

#include <algorithm>
#include <filesystem>

#include "paralint/read/ini_reader.hpp"
#include "rules/addopts/addopts.hpp"
#include "rules/addopts/argv_facts.hpp"

namespace paralint::rules {

namespace {

using addopts::location_of;

// Tokens inside an inline comment, which A001 reports with what becomes of them.
bool in_inline_comment(const CheckContext& context, const ArgToken& token) {
  const auto* entry = context.config.find("addopts");
  if (token.from_environment || entry == nullptr || entry->pieces.empty() || !entry->value.is_string()) return false;
  const auto comments = addopts::inline_comments(entry->value.string);
  return std::any_of(comments.begin(), comments.end(), [&](const addopts::ValueRange& range) {
    return source_offset(entry->pieces, range.begin) <= token.span.begin &&
           token.span.end <= source_offset(entry->pieces, range.end);
  });
}

// The file-system part of a collection argument, as resolve_collection_argument splits it.
std::string path_part(std::string_view argument) {
  const auto base = argument.substr(0, argument.find('['));
  return std::string(base.substr(0, base.find("::")));
}

bool distributes(const CheckContext& context) {
  const auto* workers = context.addopts.find_dest("pytest-xdist", "numprocesses");
  return workers != nullptr && workers->owner == OptionOwner::Active && workers->presence == Presence::Installed &&
         workers->exists_in_version && workers->value && *workers->value != "0";
}

}  // namespace

void check_missing_paths(const CheckContext& context, DiagnosticSink& sink) {
  const auto& parsed = context.addopts;
  if (const auto* pyargs = parsed.find_dest("pytest", "pyargs"); pyargs != nullptr) return;  // module names, not paths
  const auto& start_dir = context.config.start_dir;
  const auto exists = [&](const ArgToken& token) {
    std::error_code error;
    return std::filesystem::exists(start_dir / path_part(token.text), error) || error;
  };
  const bool other_paths = std::any_of(parsed.positionals.begin(), parsed.positionals.end(),
                                       [&](std::size_t index) { return exists(parsed.tokens[index]); });
  for (const auto index : parsed.positionals) {
    const auto& token = parsed.tokens[index];
    // A left-over word starting with "-" is "unrecognized arguments" (exit 4) before any path is looked at.
    if (token.text.starts_with("-") && std::find(parsed.extras.begin(), parsed.extras.end(), index) != parsed.extras.end())
      continue;
    if (in_inline_comment(context, token)) continue;
    // A TOML list element holding an option and its value ("--dist loadscope") is A006's,
    // which says how to split it.
    if (token.text.starts_with("-") && token.text.find_first_of(" \t") != std::string::npos) continue;
    if (exists(token)) continue;
    std::string message = "`" + token.text + "` is a test path to pytest, and `" + path_part(token.text) +
                          "` does not exist in the directory pytest is started in";
    if (distributes(context)) {
      message += other_paths ? ": with -n the xdist workers skip it and run the other paths only"
                             : ": with -n the xdist workers skip it, collect nothing and the run ends with \"no tests "
                               "ran\" (exit 5)";
      auto& diagnostic = sink.report("A013", location_of(context, token, token.span), message);
      if (other_paths) diagnostic.severity = Severity::Warning;
      diagnostic.help = "paths in addopts are relative to the directory pytest is started in; use testpaths for "
                        "where the tests are";
      continue;
    }
    message += ": pytest " + context.target.pytest().str() + " stops with `ERROR: file or directory not found: " +
               token.text + "` (exit 4)";
    auto& diagnostic = sink.report("A013", location_of(context, token, token.span), message);
    diagnostic.help =
        "paths in addopts are relative to the directory pytest is started in (and make it ignore testpaths); use "
        "testpaths for where the tests are";
    return;  // pytest stops at the first one
  }
}

}  // namespace paralint::rules
