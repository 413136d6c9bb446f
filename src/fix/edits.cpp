#include "paralint/fix/edits.hpp"

#include <algorithm>

namespace paralint {

namespace {

// Closed intervals: touching counts, so that two insertions at one offset, or an insertion
// at the end of another fix's replacement, never depend on the order they are applied in.
bool meet(Span a, Span b) { return a.begin <= b.end && b.begin <= a.end; }

bool within(const Edit& edit) {
  return edit.source && edit.span.begin <= edit.span.end && edit.span.end <= edit.source->bytes().size();
}

// A fix's own edits may touch (an insertion where its deletion starts) but not overlap: two
// replacements of one byte have no order.
bool well_formed(const Fix& fix) {
  if (fix.edits.empty() || !std::all_of(fix.edits.begin(), fix.edits.end(), within)) return false;
  for (std::size_t i = 0; i < fix.edits.size(); ++i) {
    for (std::size_t j = i + 1; j < fix.edits.size(); ++j) {
      const auto& a = fix.edits[i].span;
      const auto& b = fix.edits[j].span;
      if (fix.edits[i].source->path() == fix.edits[j].source->path() && a.begin < b.end && b.begin < a.end) return false;
    }
  }
  return true;
}

}  // namespace

ChosenFixes choose_fixes(const std::vector<const Fix*>& fixes) {
  ChosenFixes chosen;
  for (std::size_t index = 0; index < fixes.size(); ++index) {
    const auto* fix = fixes[index];
    const bool valid = well_formed(*fix) && std::all_of(fix->edits.begin(), fix->edits.end(), [&](const Edit& edit) {
      const auto taken = chosen.files.find(edit.source->path());
      return taken == chosen.files.end() || taken->second.source == edit.source;
    });
    if (!valid) {
      ++chosen.invalid;
      continue;
    }
    const bool conflicts = std::any_of(fix->edits.begin(), fix->edits.end(), [&](const Edit& edit) {
      const auto taken = chosen.files.find(edit.source->path());
      if (taken == chosen.files.end()) return false;
      return std::any_of(taken->second.edits.begin(), taken->second.edits.end(),
                         [&](const Edit& other) { return meet(edit.span, other.span); });
    });
    if (conflicts) {
      ++chosen.deferred;
      continue;
    }
    for (const auto& edit : fix->edits) {
      auto& file = chosen.files[edit.source->path()];
      file.source = edit.source;
      file.edits.push_back(edit);
    }
    ++chosen.applied;
    chosen.taken.push_back(index);
  }
  for (auto& [path, file] : chosen.files) {
    // Stable: a fix's own insertion and deletion at one offset keep the order it gave them.
    std::stable_sort(file.edits.begin(), file.edits.end(),
                     [](const Edit& a, const Edit& b) { return a.span.begin < b.span.begin; });
  }
  return chosen;
}

std::string apply_edits(std::string_view text, const std::vector<Edit>& edits) {
  std::string out;
  out.reserve(text.size());
  std::size_t copied = 0;
  for (const auto& edit : edits) {
    const auto begin = std::max(edit.span.begin, copied);
    out.append(text.substr(copied, begin - copied));
    out += edit.replacement;
    copied = std::max(copied, edit.span.end);
  }
  out.append(text.substr(std::min(copied, text.size())));
  return out;
}

}  // namespace paralint
