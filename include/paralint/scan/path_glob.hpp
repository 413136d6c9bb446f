#pragma once
// Glob patterns over paths, for settings that name files (per-file-ignores, exclude), relative
// to the directory of the settings file that holds them, matched by the same wildmatch as
// .gitignore patterns and --exclude: `*` and `?` stay within one path component, `[abc]` /
// `[!abc]` are classes, `**` spans any number of directories. A pattern
// without `/` matches a file or directory name at any depth (as .gitignore and ruff's
// per-file-ignores match bare names); one with `/` matches the path from the base directory.
// A pattern that matches a directory matches everything below it.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "paralint/scan/gitignore.hpp"

namespace paralint {

class PathGlob {
 public:
  // nullopt with `error` for a pattern that is not a glob (an unclosed `[`, …).
  static std::optional<PathGlob> compile(std::string_view pattern, const std::filesystem::path& base,
                                         std::string& error);

  [[nodiscard]] bool matches(const std::filesystem::path& path) const;
  [[nodiscard]] const std::string& pattern() const { return pattern_; }

 private:
  std::string pattern_;
  std::filesystem::path base_;  // absolute, lexically normal
  bool any_depth_ = false;      // no `/` in the pattern: matched against each name
  Glob glob_;  // git's wildmatch, as .gitignore patterns and --exclude globs match
};

}  // namespace paralint
