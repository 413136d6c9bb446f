#include "paralint/fix/fixer.hpp"

#include <vector>

#include "paralint/fix/edits.hpp"
#include "paralint/read/source_text.hpp"

namespace paralint {

std::optional<CheckResult> Fixer::fix(const std::filesystem::path& path, const CheckRequest& request,
                                      const std::function<void(CheckResult&)>& own, std::string& error) {
  for (int pass = 0;; ++pass) {
    auto result = check_path(path, request, error);
    if (!result) return std::nullopt;
    own(*result);
    std::vector<const Fix*> fixes;
    for (const auto& diagnostic : result->diagnostics) {
      if (!diagnostic.fix) continue;
      if (diagnostic.fix->applicability == Applicability::Unsafe && !policy_.unsafe) continue;
      fixes.push_back(&*diagnostic.fix);
    }
    const auto chosen = choose_fixes(fixes);
    if (chosen.applied == 0) return result;
    if (pass == kMaxFixPasses) {
      unsettled_.push_back(path);
      return result;
    }
    bool changed = false;
    for (const auto& [file, edits] : chosen.files) {
      const auto bytes = edits.source->bytes();
      auto fixed = apply_edits(bytes, edits.edits);
      if (fixed == bytes) continue;  // a fix that changes nothing must not loop
      changed = true;
      auto [entry, first] = files_.try_emplace(file);
      if (first) entry->second.original = std::string(bytes);
      entry->second.fixed = fixed;
      overlay_source(file, std::move(fixed));
    }
    if (!changed) return result;
    applied_ += chosen.applied;
  }
}

}  // namespace paralint
