#include "paralint/rules/suppression.hpp"

#include <algorithm>
#include <iterator>
#include <optional>
#include <utility>

#include "paralint/read/python_text.hpp"
#include "paralint/rules/rule_catalogue.hpp"

namespace paralint {

namespace {

constexpr std::string_view kMarker = "paralint:";

struct Comment {
  Span span;  // from the comment character to the end of the line's text
  bool own_line = true;
};

// 1-based first and last line of an entry.
using LineRange = std::pair<std::size_t, std::size_t>;

struct CommentScan {
  std::vector<Comment> comments;
  std::vector<LineRange> entries;
};

bool is_line_break(char c) { return c == '\n' || c == '\r'; }
bool is_blank(char c) { return c == ' ' || c == '\t'; }

// TOML's comments and entries, from the text alone (so a file that does not parse still has
// them): a `#` outside strings starts a comment; an entry runs from the line where its key
// starts to the line where its value's brackets and strings close.
CommentScan scan_toml(const SourceText& source) {
  enum class State { Code, Basic, Literal, MultiBasic, MultiLiteral };
  const auto text = source.bytes();
  CommentScan scan;
  State state = State::Code;
  int depth = 0;
  std::size_t entry_start = 0;  // offset + 1 of the open entry's first byte; 0 when none
  bool line_has_code = false;
  auto close_entry = [&](std::size_t end) {
    if (entry_start == 0) return;
    const auto first = source.position(entry_start - 1).line;
    scan.entries.emplace_back(first, source.position(end).line);
    entry_start = 0;
  };
  auto run_of = [&](std::size_t at, char quote) {
    std::size_t n = 0;
    while (at + n < text.size() && text[at + n] == quote) ++n;
    return n;
  };

  std::size_t at = 0;
  while (at < text.size()) {
    const char c = text[at];
    if (is_line_break(c)) {
      if (state == State::Basic || state == State::Literal) state = State::Code;  // unterminated: not TOML
      if (state == State::Code && depth == 0 && at > 0) close_entry(at - 1);
      line_has_code = false;
      ++at;
      continue;
    }
    switch (state) {
      case State::Code: {
        if (is_blank(c)) {
          ++at;
          break;
        }
        if (c == '#') {
          auto end = at;
          while (end < text.size() && !is_line_break(text[end])) ++end;
          scan.comments.push_back({{at, end}, !line_has_code});
          at = end;
          break;
        }
        const bool header = c == '[' && depth == 0 && entry_start == 0 && !line_has_code;
        if (!header && depth == 0 && entry_start == 0 && !line_has_code) entry_start = at + 1;
        line_has_code = true;
        if (header) {
          // `[table]` or `[[array]]`: its key may hold quoted brackets.
          ++at;
          while (at < text.size() && !is_line_break(text[at]) && text[at] != ']') {
            if (text[at] == '"' || text[at] == '\'') {
              const char quote = text[at];
              ++at;
              while (at < text.size() && !is_line_break(text[at]) && text[at] != quote)
                at += text[at] == '\\' && quote == '"' ? 2 : 1;
            }
            if (at < text.size() && !is_line_break(text[at])) ++at;
          }
          while (at < text.size() && text[at] == ']') ++at;
        } else if (c == '"' || c == '\'') {
          const bool multi = run_of(at, c) >= 3;
          state =
              c == '"' ? (multi ? State::MultiBasic : State::Basic) : (multi ? State::MultiLiteral : State::Literal);
          at += multi ? 3 : 1;
        } else {
          if (c == '[' || c == '{') ++depth;
          if ((c == ']' || c == '}') && depth > 0) --depth;
          ++at;
        }
        break;
      }
      case State::Basic:
      case State::Literal: {
        const char quote = state == State::Basic ? '"' : '\'';
        if (state == State::Basic && c == '\\') {
          at += 2;
        } else {
          if (c == quote) state = State::Code;
          ++at;
        }
        break;
      }
      case State::MultiBasic:
      case State::MultiLiteral: {
        line_has_code = true;
        const char quote = state == State::MultiBasic ? '"' : '\'';
        if (state == State::MultiBasic && c == '\\') {
          // An escaped line break is still a line break for line numbers.
          at += at + 1 < text.size() && is_line_break(text[at + 1]) ? 1 : 2;
        } else if (c == quote && run_of(at, quote) >= 3) {
          // Up to two quotes before the closing three belong to the string.
          at += std::min<std::size_t>(run_of(at, quote), 5);
          state = State::Code;
        } else {
          ++at;
        }
        break;
      }
    }
  }
  if (!text.empty()) close_entry(text.size() - 1);
  return scan;
}

// iniconfig's whole-line comments (the line starts with `#` or `;` after Python's
// whitespace), and `# paralint:` / `; paralint:` text inside other lines, where iniconfig
// keeps it in the value.
CommentScan scan_ini(const SourceText& source, const IniDocument* document) {
  CommentScan scan;
  for (std::size_t line = 1; line <= source.line_count(); ++line) {
    const auto span = source.line_span(line);
    const auto text = source.slice(span);
    const auto stripped = python::lstrip(text);
    if (!stripped.empty() && (stripped.front() == '#' || stripped.front() == ';')) {
      const auto begin = span.begin + (text.size() - stripped.size());
      scan.comments.push_back({{begin, span.end}, true});
      continue;
    }
    for (std::size_t at = text.find_first_of("#;"); at != std::string_view::npos;
         at = text.find_first_of("#;", at + 1)) {
      auto body = text.substr(at + 1);
      while (!body.empty() && is_blank(body.front())) body.remove_prefix(1);
      if (body.starts_with(kMarker)) {
        scan.comments.push_back({{span.begin + at, span.end}, false});
        break;
      }
    }
  }
  if (document != nullptr) {
    for (const auto& section : document->sections) {
      for (const auto& entry : section.entries) {
        const auto last = entry.span.end > entry.span.begin ? entry.span.end - 1 : entry.span.begin;
        scan.entries.emplace_back(source.position(entry.span.begin).line, source.position(last).line);
      }
    }
  }
  return scan;
}

bool is_code_char(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// Reads the directive of a comment; nullopt when the comment is not a `paralint:` one.
std::optional<Suppression> parse_directive(const SourceText& source, Span comment) {
  const auto text = source.bytes();
  auto at = comment.begin + 1;
  auto skip_blanks = [&] {
    while (at < comment.end && is_blank(text[at])) ++at;
  };
  skip_blanks();
  if (text.substr(at, kMarker.size()) != kMarker) return std::nullopt;
  at += kMarker.size();
  skip_blanks();
  Suppression suppression;
  suppression.comment = comment;
  const auto word_begin = at;
  while (at < comment.end && (is_code_char(text[at]) || text[at] == '-')) ++at;
  const auto word = text.substr(word_begin, at - word_begin);
  if (word == "ignore") {
    suppression.scope = SuppressionScope::Entry;
  } else if (word == "ignore-file") {
    suppression.scope = SuppressionScope::File;
  } else {
    suppression.problem = word.empty() ? "it names no directive; paralint knows ignore[CODES] and ignore-file[CODES]"
                                       : "`" + std::string(word) +
                                             "` is not a directive paralint knows; it knows ignore[CODES] and "
                                             "ignore-file[CODES]";
    return suppression;
  }
  if (at >= comment.end || text[at] != '[') {
    if (suppression.scope == SuppressionScope::Entry) {
      suppression.problem =
          "`ignore` needs the codes it silences, as in ignore[A001]; ignore-file silences a whole file";
    }
    return suppression;
  }
  const auto close = text.find(']', at);
  if (close == std::string_view::npos || close >= comment.end) {
    suppression.problem = "its `[` is never closed";
    return suppression;
  }
  suppression.list = {at, close + 1};
  ++at;
  while (at < close) {
    while (at < close && (is_blank(text[at]) || text[at] == ',')) ++at;
    const auto code_begin = at;
    while (at < close && !is_blank(text[at]) && text[at] != ',') ++at;
    if (at == code_begin) continue;
    SuppressedCode code;
    code.code = std::string(text.substr(code_begin, at - code_begin));
    code.span = {code_begin, at};
    code.known = find_rule(code.code) != nullptr;
    code.duplicate = std::any_of(suppression.codes.begin(), suppression.codes.end(),
                                 [&](const SuppressedCode& other) { return other.code == code.code; });
    suppression.codes.push_back(std::move(code));
  }
  if (suppression.codes.empty()) suppression.problem = "its list names no rule";
  return suppression;
}

bool is_comment_line(const CommentScan& scan, const SourceText& source, std::size_t line) {
  return std::any_of(scan.comments.begin(), scan.comments.end(), [&](const Comment& comment) {
    return comment.own_line && source.position(comment.span.begin).line == line;
  });
}

// The lines an entry suppression covers: those of the entry starting at `line`, or the line.
LineRange covered_from(const CommentScan& scan, std::size_t line) {
  for (const auto& entry : scan.entries) {
    if (entry.first == line) return entry;
  }
  return {line, line};
}

}  // namespace

std::vector<Suppression> find_suppressions(const ConfigDocument& document) {
  const auto& source = *document.source;
  // A directive holds its marker verbatim; most files have none, and need no scan.
  if (source.bytes().find(kMarker) == std::string_view::npos) return {};
  const bool ini = document.toml == nullptr;
  const auto scan = ini ? scan_ini(source, document.ini ? &*document.ini : nullptr) : scan_toml(source);
  std::vector<Suppression> suppressions;
  for (const auto& comment : scan.comments) {
    auto suppression = parse_directive(source, comment.span);
    if (!suppression) continue;
    suppression->source = document.source;
    suppression->ini = ini;
    suppression->own_line = comment.own_line;
    suppression->honoured = comment.own_line || !ini;
    if (suppression->scope == SuppressionScope::Entry) {
      auto target = source.position(comment.span.begin).line;
      if (comment.own_line) {
        do {
          ++target;
        } while (target <= source.line_count() && is_comment_line(scan, source, target));
      }
      // The empty "line" after a file's last line break is no line.
      const bool past_end =
          target > source.line_count() || (target == source.line_count() && source.line_span(target).size() == 0);
      if (!past_end) {
        std::tie(suppression->first_line, suppression->last_line) = covered_from(scan, target);
      }
    }
    suppressions.push_back(std::move(*suppression));
  }
  return suppressions;
}

void apply_suppressions(std::vector<Suppression>& suppressions, std::vector<Diagnostic>& diagnostics) {
  auto covered = [&](const Diagnostic& diagnostic) {
    const auto& source = diagnostic.location.source;
    if (!source) return false;
    const auto line = source->position(diagnostic.location.span.begin).line;
    bool any = false;
    for (auto& suppression : suppressions) {
      if (!suppression.active() || suppression.source->path() != source->path()) continue;
      // A report about a suppression is silenced only by one that names its code, as ruff's
      // `# noqa: RUF100` does: a bare ignore-file saying nothing about itself would hide that
      // it silences nothing.
      if (suppression.codes.empty() && diagnostic.location.span.begin == suppression.comment.begin) continue;
      if (suppression.scope == SuppressionScope::Entry &&
          (line < suppression.first_line || line > suppression.last_line)) {
        continue;
      }
      if (suppression.codes.empty()) {
        suppression.used = true;
        any = true;
      }
      for (auto& listed : suppression.codes) {
        if (listed.code == diagnostic.code && !listed.duplicate) {
          listed.used = true;
          any = true;
        }
      }
    }
    return any;
  };
  diagnostics.erase(std::remove_if(diagnostics.begin(), diagnostics.end(), covered), diagnostics.end());
}

void apply_suppression_comments(const std::vector<ConfigDocument>& documents, const CheckRequest& request,
                                std::vector<Diagnostic>& diagnostics) {
  std::vector<Suppression> suppressions;
  for (const auto& document : documents) {
    auto found = find_suppressions(document);
    std::move(found.begin(), found.end(), std::back_inserter(suppressions));
  }
  if (suppressions.empty()) return;
  apply_suppressions(suppressions, diagnostics);

  DiagnosticSink sink;
  const SuppressionReview review{suppressions, documents, request};
  for (const auto& function : suppression_rule_functions()) {
    const bool wanted = std::any_of(function.codes.begin(), function.codes.end(),
                                    [&](std::string_view code) { return request.selection.selected(code); });
    if (wanted) function.check(review, sink);
  }
  std::vector<Diagnostic> about_suppressions;
  for (auto& diagnostic : sink.diagnostics()) {
    if (request.runs(diagnostic.code, diagnostic.location.file)) about_suppressions.push_back(std::move(diagnostic));
  }
  // A suppression may name an S code too (`ignore-file[S001]`); what it silences then is
  // not judged again.
  apply_suppressions(suppressions, about_suppressions);
  std::move(about_suppressions.begin(), about_suppressions.end(), std::back_inserter(diagnostics));
}

}  // namespace paralint
