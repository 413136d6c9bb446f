#include "paralint/scan/workspace.hpp"

#include <climits>

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "paralint/model/config_model.hpp"
#include "paralint/read/source_text.hpp"
#include "paralint/scan/gitignore.hpp"
#include "paralint/util/directory_listing.hpp"
#include "paralint/util/display_path.hpp"

namespace paralint {

namespace fs = std::filesystem;

namespace {

constexpr std::array<std::string_view, 25> kSkippedNames = {
    ".git",        ".hg",           ".svn",        ".bzr",           ".venv",         "venv",
    ".tox",        ".nox",          ".direnv",     "__pypackages__", "site-packages", "__pycache__",
    ".mypy_cache", ".pytest_cache", ".ruff_cache", ".pytype",        ".hypothesis",   ".ipynb_checkpoints",
    "build",       "dist",          "_build",      "buck-out",       ".eggs",         "node_modules",
    "CVS"};

// Every name pytest looks for in any release paralint knows: a file a newer or older pytest
// would read still makes its directory a package to lint.
std::vector<std::string_view> every_config_file_name() {
  const auto& known = known_versions();
  return config_file_names(Behaviour::of(known.pytest.newest(), known.iniconfig.newest()));
}

std::string joined(const std::string& directory, const std::string& name) {
  return directory.empty() ? name : directory + '/' + name;
}

// git does not follow a symbolic link named .gitignore.
bool holds_gitignore(const fs::path& directory) {
  std::error_code error;
  return fs::is_regular_file(fs::symlink_status(directory / ".gitignore", error));
}

struct Found {
  fs::path shown;     // what the user sees
  fs::path sort_key;  // absolute, lexically normal
  fs::path identity;  // symbolic links resolved: the same directory under two spellings
};

// One directory PATH and what lies below it.
class Walker {
 public:
  Walker(const fs::path& root, const std::vector<std::string>& exclude, std::vector<Found>& found,
         std::vector<UnreadPath>& unread)
      : root_(root),
        absolute_root_(comparable_path(root)),
        config_names_(every_config_file_name()),
        found_(found),
        unread_(unread) {
    for (const auto& glob : exclude) exclude_.add(glob);
    std::error_code error;
    canonical_root_ = fs::weakly_canonical(absolute_root_, error);
    if (error) canonical_root_ = absolute_root_;
  }

  // The patterns a directory adds: its .gitignore and, at the top of a work tree, the
  // repository's info/exclude (read first: git weighs it below every .gitignore, and within
  // one level a later pattern wins). `shown`: the directory as the user sees it. One that
  // cannot be read is reported and passed over, as git warns and goes on.
  GitignoreRules rules_of_directory(const fs::path& directory, const fs::path& shown, bool has_gitignore,
                                    bool repository_top) const {
    GitignoreRules rules;
    auto add = [&](const fs::path& relative) {
      std::string unreadable;
      if (auto text = read_file(directory / relative, unreadable)) {
        rules.add_file(*text);
        return;
      }
      // The OS's words, as for a directory: read_file spells them as Python's OSError.
      if (unreadable.starts_with("[Errno ")) unreadable.erase(0, unreadable.find("] ") + 2);
      unread_.push_back({(shown / relative).lexically_normal(), unreadable, UnreadPath::Kind::IgnoreFile});
    };
    const auto exclude = fs::path(".git") / "info" / "exclude";
    std::error_code missing;  // a repository without one: git has no patterns from it
    if (repository_top && fs::exists(fs::symlink_status(directory / exclude, missing))) add(exclude);
    if (has_gitignore) add(".gitignore");
    return rules;
  }

  void walk() {
    GitignoreStack above;
    const auto anchored = load_gitignores_above(above);
    std::error_code error;
    auto root = OpenDirectory::open(absolute_root_.string(), error);
    if (!root) {
      record_unread("", error);
      return;
    }
    walk_directory(*root, "", anchored, above, true);
  }

 private:
  struct Listing {
    std::vector<std::string> directories;
    std::vector<std::string> config_files;
    bool holds_git = false;
    bool git_is_directory = false;
    bool holds_gitignore = false;
    bool virtual_environment = false;
  };

  // The .gitignore files between the top of the git work tree holding the root (a directory
  // above it with `.git`) and the root's parent; the root's own is read as it is walked.
  // Returns the root's path relative to that top ("" when there is none above it).
  std::string load_gitignores_above(GitignoreStack& stack) const {
    std::vector<fs::path> chain;  // the root's parent, its parent, … up to the top
    std::error_code error;
    for (auto directory = absolute_root_; directory.has_relative_path();) {
      directory = directory.parent_path();
      chain.push_back(directory);
      if (fs::exists(fs::symlink_status(directory / ".git", error))) {
        for (auto level = chain.rbegin(); level != chain.rend(); ++level) {
          const auto relative = level->lexically_relative(directory).generic_string();
          const bool top = level == chain.rbegin();
          auto rules = rules_of_directory(*level, root_ / level->lexically_relative(absolute_root_),
                                          holds_gitignore(*level), top && fs::is_directory(directory / ".git", error));
          if (!rules.empty()) stack.push(relative == "." ? "" : relative, std::move(rules));
        }
        return absolute_root_.lexically_relative(directory).generic_string();
      }
    }
    return "";
  }

  // The entries of a directory; one that cannot be listed (permission, a path longer than
  // PATH_MAX) is recorded as not checked rather than passed over in silence.
  Listing list(const OpenDirectory& directory, const std::string& relative) const {
    Listing listing;
    std::error_code error;
    // Kinds come from the listing itself: no stat per entry, none into links.
    for (auto& entry : directory.entries(error)) {
      const bool is_directory = entry.kind == EntryKind::Directory;
      if (entry.name == ".gitignore") {
        listing.holds_gitignore = entry.kind == EntryKind::File;
      } else if (entry.name == ".git") {
        listing.holds_git = true;
        listing.git_is_directory = is_directory;
      } else if ((entry.name == "pyvenv.cfg" && !is_directory) || (entry.name == "conda-meta" && is_directory)) {
        listing.virtual_environment = true;
      } else if (is_directory) {
        listing.directories.push_back(std::move(entry.name));
      } else if (std::find(config_names_.begin(), config_names_.end(), entry.name) != config_names_.end()) {
        listing.config_files.push_back(std::move(entry.name));
      }
    }
    if (error) record_unread(relative, error);
    return listing;
  }

  void record_unread(const std::string& relative, const std::error_code& error) const {
    unread_.push_back({relative.empty() ? root_ : (root_ / relative).lexically_normal(), error.message()});
  }

  // Whether the walk leaves out `relative` (to the root; `anchored` to the git top).
  bool skipped(const std::string& relative, const std::string& anchored, const std::string& name, bool is_directory,
               const GitignoreStack& ignores, bool& forced) const {
    const auto verdict = exclude_.match(relative, is_directory);
    forced = verdict == IgnoreVerdict::Included;
    if (verdict != IgnoreVerdict::Unmatched) return verdict == IgnoreVerdict::Ignored;
    if (is_directory && skipped_by_name(name)) return true;
    return ignores.match(anchored, is_directory) == IgnoreVerdict::Ignored;
  }

  void walk_directory(const OpenDirectory& handle, const std::string& relative, std::string anchored,
                      GitignoreStack& inherited, bool forced) {
    const auto directory = relative.empty() ? absolute_root_ : absolute_root_ / relative;
    const auto listing = list(handle, relative);
    const bool is_root = relative.empty();
    if (listing.virtual_environment && !is_root && !forced) return;

    // A repository's ignore rules are its own: those of an enclosing one stop at its top.
    GitignoreStack fresh;
    auto& ignores = listing.holds_git ? fresh : inherited;
    if (listing.holds_git) anchored.clear();
    auto rules = rules_of_directory(directory, relative.empty() ? root_ : root_ / relative, listing.holds_gitignore,
                                    listing.holds_git && listing.git_is_directory);
    const bool pushed = !rules.empty();
    if (pushed) ignores.push(anchored, std::move(rules));

    bool holds_config = false;
    for (const auto& name : listing.config_files) {
      bool unused = false;
      holds_config =
          holds_config || !skipped(joined(relative, name), joined(anchored, name), name, false, ignores, unused);
    }
    if (is_root || holds_config) add(relative);

    for (const auto& name : listing.directories) {
      const auto child = joined(relative, name);
      const auto child_anchored = joined(anchored, name);
      bool child_forced = false;
      if (skipped(child, child_anchored, name, true, ignores, child_forced)) continue;
      std::error_code error;
      // Below PATH_MAX nothing can be opened by name, by paralint or by pytest: not checked.
      std::optional<OpenDirectory> opened;
      if ((directory / name).native().size() < PATH_MAX) {
        opened = handle.open_child(name, error);
      } else {
        error = std::make_error_code(std::errc::filename_too_long);
      }
      if (!opened) {
        record_unread(child, error);
        continue;
      }
      walk_directory(*opened, child, child_anchored, ignores, child_forced);
    }
    if (pushed) ignores.pop();
  }

  void add(const std::string& relative) {
    if (relative.empty()) {
      found_.push_back({root_, absolute_root_, canonical_root_});
    } else {
      found_.push_back({(root_ / relative).lexically_normal(), absolute_root_ / relative, canonical_root_ / relative});
    }
  }

  fs::path root_;
  fs::path absolute_root_;
  fs::path canonical_root_;
  std::vector<std::string_view> config_names_;
  GitignoreRules exclude_;
  std::vector<Found>& found_;
  std::vector<UnreadPath>& unread_;
};

}  // namespace

fs::path comparable_path(const fs::path& path) {
  std::error_code error;
  auto normal = fs::absolute(path, error).lexically_normal();
  if (!normal.has_filename() && normal.has_relative_path()) normal = normal.parent_path();
  return normal;
}

bool skipped_by_name(std::string_view directory_name) {
  return directory_name.ends_with(".egg-info") ||
         std::find(kSkippedNames.begin(), kSkippedNames.end(), directory_name) != kSkippedNames.end();
}

std::optional<std::vector<fs::path>> expand_check_paths(const std::vector<std::string>& paths,
                                                        const std::vector<std::string>& exclude,
                                                        std::vector<UnreadPath>& unread, std::string& error) {
  std::vector<Found> found;
  for (const auto& path : paths) {
    std::error_code status_error;
    const auto status = fs::status(path, status_error);
    if (!fs::exists(status)) {
      // What the OS said: a path behind a directory without search permission, or a loop
      // of links, is not "missing".
      error = path + ": " + why_unusable(status_error);
      return std::nullopt;
    }
    if (fs::is_directory(status)) {
      const auto before = static_cast<std::ptrdiff_t>(unread.size());
      Walker(path, exclude, found, unread).walk();
      const auto root_unread = std::find_if(unread.begin() + before, unread.end(), [&](const UnreadPath& entry) {
        return entry.kind == UnreadPath::Kind::Directory && entry.path == fs::path(path);
      });
      if (root_unread != unread.end()) {
        error = path + ": " + root_unread->reason;
        return std::nullopt;
      }
    } else {
      const auto absolute = comparable_path(path);
      auto identity = fs::weakly_canonical(absolute, status_error);
      found.push_back({path, absolute, status_error ? absolute : identity});
    }
  }
  std::stable_sort(found.begin(), found.end(),
                   [](const Found& left, const Found& right) { return left.sort_key < right.sort_key; });
  std::vector<fs::path> targets;
  std::set<fs::path> seen;
  for (auto& target : found) {
    if (seen.insert(target.identity).second) targets.push_back(std::move(target.shown));
  }
  return targets;
}

}  // namespace paralint
