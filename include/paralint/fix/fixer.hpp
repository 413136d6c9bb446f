#pragma once
// `paralint check --fix` / `paralint fix`: checks a path, applies the fixes that may be
// applied, checks again with the fixed bytes, and repeats until nothing more changes, as
// ruff does. Files are not written here: the new bytes are kept (and read back by the next
// check through overlay_source) until the caller writes them or prints their diff.

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "paralint/rules/check.hpp"

namespace paralint {

// Which fixes are applied: `safe` ones always, `unsafe` ones (they change what runs) only when asked.
struct FixPolicy {
  bool unsafe = false;
};

// A fix applied: the rule's code, where its diagnostic pointed, and what the fix did.
struct AppliedFix {
  std::string code;
  std::filesystem::path file;
  std::size_t line = 0;
  std::string message;
};

// A file the fixes changed: its bytes as read first, and as fixed.
struct FixedFile {
  std::string original;
  std::string fixed;
};

class Fixer {
 public:
  explicit Fixer(FixPolicy policy) : policy_(policy) {}

  // Fixes what the check of `path` reports (as `own` leaves it: the diagnostics of files this
  // reading reports) and returns the check of the fixed bytes; nullopt with `error` as
  // check_path. Fixed files stay fixed for later paths of the same run.
  std::optional<CheckResult> fix(const std::filesystem::path& path, const CheckRequest& request,
                                 const std::function<void(CheckResult&)>& own, std::string& error);

  // Every file changed so far, by path.
  [[nodiscard]] const std::map<std::filesystem::path, FixedFile>& files() const { return files_; }
  [[nodiscard]] std::size_t applied() const { return applied_.size(); }
  // Every fix applied so far, in the order applied.
  [[nodiscard]] const std::vector<AppliedFix>& applied_fixes() const { return applied_; }
  // Paths whose fixes kept changing the file after the last pass paralint tries.
  [[nodiscard]] const std::vector<std::filesystem::path>& unsettled() const { return unsettled_; }

 private:
  FixPolicy policy_;
  std::map<std::filesystem::path, FixedFile> files_;
  std::vector<AppliedFix> applied_;
  std::vector<std::filesystem::path> unsettled_;
};

// More passes than any real config needs: each pass applies every fix that does not meet an
// earlier one, and a rule's fix removes what it reports.
inline constexpr int kMaxFixPasses = 10;

}  // namespace paralint
