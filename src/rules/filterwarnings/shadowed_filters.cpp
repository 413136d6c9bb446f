// F003 ignore-before-catch-all-error: pytest inserts each filter at the front of Python's
// filter list, so a filter written later takes precedence. An entry followed by a
// catch-all with another action (`ignore::DeprecationWarning` above `error`) never
// decides any warning: the catch-all matches everything first.

#include <algorithm>

#include "rules/filterwarnings/filterwarnings.hpp"
#include "rules/filterwarnings/warning_filters.hpp"

namespace paralint::rules {

namespace {

bool parses(const WarningFilter& filter, const Version& pytest) {
  bool unknown = false;
  return !filter.too_many_fields() && resolve_action(filter.fields[kAction]) &&
         !lineno_error(filter.fields[kLineno], unknown) &&
         resolve_category_statically(filter.category(), pytest).kind != StaticCategory::Kind::Fails;
}

std::string action_of(const WarningFilter& filter) { return *resolve_action(filter.fields[kAction]); }

// Moves a filterwarnings entry to just after `after` (both in the config file), keeping
// the file's layout: own lines stay own lines, array items stay array items.
std::optional<Fix> move_after(const CheckContext& context, const WarningFilter& filter, const WarningFilter& after) {
  const auto& source = context.config.source;
  const auto* entry = context.config.find("filterwarnings");
  if (!source || entry == nullptr || !filter.text_begin || !after.text_begin) return std::nullopt;
  Fix fix;
  fix.applicability = Applicability::Unsafe;  // warnings the catch-all failed on may now be ignored, which is the point
  fix.message = "move `" + filter.text + "` after `" + after.text + "`";
  const auto after_line = source->position(after.span.begin).line;
  const auto after_line_span = source->line_span(after_line);
  const auto indent = source->bytes().substr(after_line_span.begin, after.span.begin - after_line_span.begin);
  if (entry->value.is_array()) {
    const auto& items = entry->value.items;
    for (std::size_t i = 0; i + 1 < items.size(); ++i) {
      if (items[i].span != filter.span) continue;
      const auto literal = std::string(source->slice(filter.span));
      const bool own_lines = source->position(items[i + 1].span.begin).line > source->position(filter.span.begin).line;
      fix.edits.push_back({source, {filter.span.begin, items[i + 1].span.begin}, ""});
      fix.edits.push_back({source,
                           {after.span.end, after.span.end},
                           own_lines ? ",\n" + std::string(indent) + literal : ", " + literal});
      return fix;
    }
    return std::nullopt;
  }
  if (entry->pieces.empty()) return std::nullopt;  // a TOML string: no layout to keep
  const auto line = source->position(filter.span.begin).line;
  if (line == source->position(entry->key_span.begin).line) {
    fix.edits.push_back({source, filter.span, ""});  // the value then starts on the next line
  } else {
    const auto begin = source->line_span(line).begin;
    const auto end = line < source->line_count() ? source->line_span(line + 1).begin : source->bytes().size();
    fix.edits.push_back({source, {begin, end}, ""});
  }
  fix.edits.push_back({source, {after.span.end, after.span.end}, "\n" + std::string(indent) + filter.text});
  return fix;
}

}  // namespace

void check_shadowed_filters(const CheckContext& context, DiagnosticSink& sink) {
  const auto filters = read_filters(context);
  const auto& pytest = context.target.pytest();
  // Precedence order, lowest first: the entries, then the -W values.
  std::vector<const WarningFilter*> applied;
  for (const auto* list : {&filters.config, &filters.command_line}) {
    for (const auto& filter : *list) {
      if (parses(filter, pytest)) applied.push_back(&filter);
    }
  }
  // Every filter before the last catch-all is shadowed by it.
  const auto last = std::find_if(applied.rbegin(), applied.rend(),
                                 [](const WarningFilter* filter) { return is_catch_all(*filter); });
  if (last == applied.rend()) return;
  const WarningFilter* last_catch_all = *last;
  const auto shadowed = static_cast<std::size_t>(applied.rend() - last) - 1;
  for (std::size_t i = 0; i < shadowed; ++i) {
    const auto& filter = *applied[i];
    if (!filter.located || action_of(*last_catch_all) == action_of(filter)) continue;
    const auto where = last_catch_all->origin == FilterOrigin::CommandLine
                           ? "`-W " + last_catch_all->text + "` in addopts"
                           : "`" + last_catch_all->text + "` below it";
    auto& diagnostic = sink.report(
        "F003", context.at(filter.span),
        "`" + filter.text + "` never takes effect: the catch-all " + where +
            " is applied after it, and the filter applied last is the first to match, so every warning is " +
            (action_of(*last_catch_all) == "error" ? "turned into an error"
                                                   : "handled with `" + action_of(*last_catch_all) + "`"));
    diagnostic.help = "later filters take precedence: put specific filters after the catch-all";
    if (filter.origin == FilterOrigin::Config && last_catch_all->origin == FilterOrigin::Config) {
      diagnostic.fix = move_after(context, filter, *last_catch_all);
    }
  }
}

}  // namespace paralint::rules
