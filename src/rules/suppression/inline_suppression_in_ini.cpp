// S003 inline-suppression-in-ini: a suppression at the end of a line of an INI file. iniconfig
// drops only whole comment lines: on an entry's line the comment is part of the value pytest
// reads (for addopts its words become arguments, see A001), and configparser — which tox and
// setuptools use on tox.ini and setup.cfg — reads a section line up to its last `]`, so
// `[testenv]  # paralint: ignore[D005]` becomes a section named `testenv]  # paralint:
// ignore[D005`. paralint does not honour it and says what pytest reads instead.

#include "paralint/read/python_text.hpp"
#include "rules/config_edits.hpp"
#include "rules/suppression/suppression_rules.hpp"

namespace paralint::rules {

namespace {

const IniDocument* ini_of(const SuppressionReview& review, const Suppression& suppression) {
  for (const auto& document : review.documents) {
    if (document.source->path() == suppression.source->path() && document.ini) return &*document.ini;
  }
  return nullptr;
}

std::string consequence(const SuppressionReview& review, const Suppression& suppression) {
  const auto& source = *suppression.source;
  const auto offset = suppression.comment.begin;
  const auto line = source.position(offset).line;
  if (const auto* document = ini_of(review, suppression)) {
    for (const auto& section : document->sections) {
      if (source.position(section.header_span.begin).line == line) {
        const auto whole_line = source.line_span(line);
        const auto text = source.slice(whole_line);
        const auto open = text.find('[');
        const auto close = text.rfind(']');
        if (open != std::string_view::npos && close != std::string_view::npos && close > offset - whole_line.begin) {
          return "iniconfig drops it from a section line, but configparser (tox, setuptools) reads the section "
                 "name up to the last `]`: `" +
                 std::string(text.substr(open + 1, close - open - 1)) + "`";
        }
        return "paralint honours a suppression in an INI file only on a line of its own";
      }
      for (const auto& entry : section.entries) {
        if (offset >= entry.span.begin && offset < entry.span.end) {
          std::string text =
              "iniconfig keeps it in the value, so pytest reads " + entry.key + " as " + python::repr(entry.value);
          if (entry.key == "addopts") text += ", and its words become arguments (A001)";
          if (entry.key == "testpaths") text += ", and its words become globs that match no file, which pytest drops";
          return text;
        }
      }
    }
  }
  return "iniconfig drops only whole comment lines";
}

// The comment onto a line of its own just above its line, with that line's indentation
// (iniconfig drops a whole comment line, also inside a multi-line value).
}  // namespace

void check_inline_suppressions_in_ini(const SuppressionReview& review, DiagnosticSink& sink) {
  for (const auto& suppression : review.suppressions) {
    if (suppression.honoured) continue;
    auto& diagnostic =
        sink.report("S003", Location::in(suppression.source, suppression.comment),
                    suppression::comment_text(suppression) +
                        " is not honoured at the end of a line of an INI file: " + consequence(review, suppression));
    diagnostic.help = "in INI files a suppression stands on a line of its own, directly above the entry";
    diagnostic.fix = move_comment_above(suppression.source, suppression.comment);
  }
}

}  // namespace paralint::rules
