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
    std::vector<const Diagnostic*> fixed_diagnostics;  // beside `fixes`
    for (const auto& diagnostic : result->diagnostics) {
      if (!diagnostic.fix) continue;
      if (diagnostic.fix->applicability == Applicability::Unsafe && !policy_.unsafe) continue;
      fixes.push_back(&*diagnostic.fix);
      fixed_diagnostics.push_back(&diagnostic);
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
    for (const auto index : chosen.taken) {
      const auto& diagnostic = *fixed_diagnostics[index];
      const auto& where = diagnostic.location;
      const auto line = where.source ? where.source->position(where.span.begin).line : 0;
      applied_.push_back({diagnostic.code, where.file, line, diagnostic.fix->message});
    }
  }
}

}  // namespace paralint
