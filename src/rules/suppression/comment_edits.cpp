#include <fmt/format.h>

#include "rules/suppression/suppression_rules.hpp"

namespace paralint::rules::suppression {

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// The comment and the blanks before it; with its line and line break when it stands alone.
Span whole_comment(const Suppression& suppression) {
  const auto& source = *suppression.source;
  const auto bytes = source.bytes();
  const auto line = source.line_span(source.position(suppression.comment.begin).line);
  if (!suppression.own_line) {
    auto begin = suppression.comment.begin;
    while (begin > line.begin && is_blank(bytes[begin - 1])) --begin;
    return {begin, suppression.comment.end};
  }
  auto end = line.end;
  if (bytes.substr(end, 2) == "\r\n") {
    end += 2;
  } else if (end < bytes.size()) {
    ++end;
  }
  return {line.begin, end};
}

}  // namespace

std::string comment_text(const Suppression& suppression) {
  auto text = suppression.source->slice(suppression.comment);
  while (!text.empty() && is_blank(text.back())) text.remove_suffix(1);
  return "`" + std::string(text) + "`";
}

Fix without_codes(const Suppression& suppression, const std::function<bool(const SuppressedCode&)>& drop,
                  std::string message) {
  std::vector<std::string> kept;
  for (const auto& listed : suppression.codes) {
    if (!drop(listed)) kept.push_back(listed.code);
  }
  Fix fix;
  fix.applicability = Applicability::Safe;
  fix.message = std::move(message);
  if (kept.empty()) {
    fix.edits.push_back({suppression.source, whole_comment(suppression), ""});
  } else {
    fix.edits.push_back({suppression.source, suppression.list, fmt::format("[{}]", fmt::join(kept, ", "))});
  }
  return fix;
}

std::string code_list(const std::vector<std::string>& codes) {
  std::string out;
  for (std::size_t i = 0; i < codes.size(); ++i) {
    out += (i == 0 ? "" : i + 1 == codes.size() ? " and " : ", ") + codes[i];
  }
  return out;
}

}  // namespace paralint::rules::suppression
