#pragma once
// What `paralint check PATH...` lints. A directory PATH is linted as pytest started there
// sees it, and so is every directory below it that holds a config-named file (one reading
// per package of a monorepo); a file PATH is linted as `pytest -c FILE` reads it, whatever
// its name and even when a walk would skip it (as ruff lints a file it is given).
//
// The walk below a directory PATH does not enter, and takes no config file from:
//   - a path an --exclude glob matches (gitignore syntax, relative to that PATH; a `!glob`
//     brings back what a later rule would skip);
//   - a path a .gitignore ignores: the .gitignore files in the walked tree and those of the
//     directories above PATH up to the top of its git work tree, plus that repository's
//     .git/info/exclude; a directory holding `.git` (a nested repository) starts afresh;
//   - a virtual environment: a directory holding `pyvenv.cfg` or `conda-meta`;
//   - a directory named as in skipped_by_name().
// It does not follow symbolic links to directories. The PATHs themselves are never skipped.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace paralint {

// Folders of tools, not of packages: version control (.git .hg .svn .bzr CVS), environments and
// their runners (.venv venv .tox .nox .direnv __pypackages__ site-packages), caches
// (__pycache__ .mypy_cache .pytest_cache .ruff_cache .pytype .hypothesis .ipynb_checkpoints),
// build output and dependencies (build dist _build buck-out .eggs *.egg-info node_modules).
bool skipped_by_name(std::string_view directory_name);

// A path as readings spell files: absolute and lexically normal, without a trailing separator,
// so that a target and the files its reading reports compare equal.
std::filesystem::path comparable_path(const std::filesystem::path& path);

// The PATH arguments as the paths to lint: each directory or file once (however often or
// however spelt it was given, or found under two PATHs), sorted by absolute path, component
// by component, bytes compared (so a directory comes right before what is below it). Shown
// as given, or as PATH/sub for a directory found below PATH. `exclude`: gitignore-style
// globs relative to each directory PATH (--exclude). nullopt with `error` for a PATH that
// does not exist or cannot be read. A directory below a PATH that cannot be listed is added
// to `unread`, with the OS's reason: what is below it is not checked. So is an ignore file
// (.gitignore, .git/info/exclude) that cannot be read: as git does, the walk goes on without
// its patterns.
struct UnreadPath {
  enum class Kind { Directory, IgnoreFile };
  std::filesystem::path path;  // as shown: PATH/sub, PATH/sub/.gitignore
  std::string reason;          // the OS's words: "Permission denied", "File name too long"
  Kind kind = Kind::Directory;
};
std::optional<std::vector<std::filesystem::path>> expand_check_paths(const std::vector<std::string>& paths,
                                                                     const std::vector<std::string>& exclude,
                                                                     std::vector<UnreadPath>& unread,
                                                                     std::string& error);

}  // namespace paralint
