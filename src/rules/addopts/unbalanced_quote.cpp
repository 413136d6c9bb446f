// A005 unbalanced-quote-in-addopts: pytest splits a string addopts with shlex.split, which
// raises ValueError on a quote that is never closed or a backslash with nothing after it;
// pytest does not catch it, so the run ends in a traceback.

#include <algorithm>

#include "paralint/read/shlex.hpp"
#include "rules/addopts/addopts.hpp"
#include "rules/addopts/argv_facts.hpp"

namespace paralint::rules {

namespace {

// The file offset of an offset in the value: through the joined lines of an INI value, or
// directly in a TOML string written without escapes.
std::optional<std::size_t> file_offset(const CheckContext& context, const ConfigEntry& entry, std::size_t offset) {
  if (!entry.pieces.empty()) return source_offset(entry.pieces, offset);
  const auto written = context.config.source->slice(entry.value.span);
  const auto at = written.find(entry.value.string);
  if (at == std::string_view::npos || entry.value.string.find('\\') != std::string::npos) return std::nullopt;
  return entry.value.span.begin + at + offset;
}

}  // namespace

void check_unbalanced_quotes(const CheckContext& context, DiagnosticSink& sink) {
  const auto* entry = context.config.find("addopts");
  if (entry == nullptr || entry->mode != ValueMode::Ini || !entry->value.is_string() || !context.config.source) return;
  const auto& value = entry->value.string;
  const auto split = shlex_split(value);
  if (!split.error) return;
  const auto at = file_offset(context, *entry, split.error_offset);
  const Span span = at ? Span{*at, *at + 1} : entry->value.span;
  const bool quote = *split.error == "No closing quotation";
  auto& diagnostic = sink.report(
      "A005", context.at(span),
      std::string(quote ? "this quote is never closed" : "this backslash ends addopts and escapes nothing") +
          ": pytest " + context.target.pytest().str() +
          " splits addopts with shlex and crashes with `ValueError: " + *split.error + "` (traceback, exit 1)");
  const auto comments = addopts::inline_comments(value);
  const bool in_comment = std::any_of(comments.begin(), comments.end(), [&](const addopts::ValueRange& comment) {
    return comment.begin <= split.error_offset && split.error_offset < comment.end;
  });
  if (in_comment) {
    diagnostic.help =
        "it is inside an inline comment, which pytest reads as arguments: move the comment onto its own "
        "line (A001)";
  } else {
    diagnostic.help = quote ? "close the quote, or escape it with a backslash if it is meant literally"
                            : "remove the backslash, or quote the value it was meant to escape";
  }
}

}  // namespace paralint::rules
