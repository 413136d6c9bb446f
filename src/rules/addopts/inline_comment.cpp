// A001 inline-comment-in-addopts: iniconfig keeps "# …" and "; …" after options in the
// value (only whole comment lines are dropped) and shlex splits them into words, so the
// comment becomes test paths, option values or unknown options.

#include <algorithm>

#include "paralint/read/shlex.hpp"
#include "rules/addopts/addopts.hpp"
#include "rules/addopts/argv_facts.hpp"
#include "rules/config_edits.hpp"

namespace paralint::rules {

namespace {

using addopts::ValueRange;

std::string quoted_list(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& word : words) out += (out.empty() ? "`" : ", `") + word + "`";
  return out;
}

// What pytest's parser makes of the comment's words, and what that does to the run.
std::string consequence(const CheckContext& context, Span comment) {
  const auto& parsed = context.addopts;
  std::vector<std::string> paths;
  std::vector<std::string> unknown;
  std::vector<std::string> values;
  bool left_over_dash = false;  // a word after the first run of paths, starting with "-"
  for (std::size_t index = 0; index < parsed.tokens.size(); ++index) {
    const auto& token = parsed.tokens[index];
    if (token.from_environment || token.span.begin < comment.begin || token.span.end > comment.end) continue;
    const bool is_unknown = std::any_of(parsed.unknown.begin(), parsed.unknown.end(),
                                        [&](const UnknownOption& option) { return option.token == index; });
    const auto owner = std::find_if(parsed.options.begin(), parsed.options.end(), [&](const ParsedOption& option) {
      return option.first_token <= index && index <= option.last_token;
    });
    if (is_unknown) {
      unknown.push_back(token.text);
    } else if (owner != parsed.options.end()) {
      values.push_back("`" + token.text + "` becomes the argument of " + owner->flag);
    } else {
      paths.push_back(token.text);
      left_over_dash =
          left_over_dash || (token.text.starts_with("-") &&
                             std::find(parsed.extras.begin(), parsed.extras.end(), index) != parsed.extras.end());
    }
  }
  std::vector<std::string> parts;
  if (!paths.empty()) parts.push_back("pytest takes " + quoted_list(paths) + " as test paths");
  for (const auto& value : values) parts.push_back(value);
  if (!unknown.empty()) parts.push_back("no parser knows the options " + quoted_list(unknown));
  std::string out;
  for (const auto& part : parts) out += (out.empty() ? "" : "; ") + part;
  if (out.empty()) return "pytest reads its words as arguments";
  if (!unknown.empty() || left_over_dash) return out + ": pytest stops with `unrecognized arguments` (exit 4)";
  if (paths.empty()) return out;
  const auto* workers = parsed.find_dest("pytest-xdist", "numprocesses");
  const bool distributes = workers != nullptr && workers->owner == OptionOwner::Active && workers->exists_in_version &&
                           workers->value && *workers->value != "0";
  if (distributes) {
    return out +
           ": with -n the xdist workers skip paths that do not exist, so the run collects nothing and ends "
           "with \"no tests ran\" (exit 5) and no error";
  }
  return out + ": pytest stops with `ERROR: file or directory not found: " + paths.front() + "` (exit 4)";
}

}  // namespace

void check_inline_comments(const CheckContext& context, DiagnosticSink& sink) {
  const auto* entry = context.config.find("addopts");
  const auto& source = context.config.source;
  if (entry == nullptr || entry->pieces.empty() || !entry->value.is_string() || !source) return;
  const auto& value = entry->value.string;
  for (const ValueRange& range : addopts::inline_comments(value)) {
    const Span comment{source_offset(entry->pieces, range.begin), source_offset(entry->pieces, range.end)};
    auto& diagnostic = sink.report("A001", context.at(comment),
                                   "inline comment `" + std::string(source->slice(comment)) +
                                       "` is part of addopts: " + consequence(context, comment));
    diagnostic.help =
        "iniconfig drops only whole comment lines (also inside a multi-line value); put the comment on its own line";
    diagnostic.fix = move_comment_above(source, comment);
  }
}

}  // namespace paralint::rules
