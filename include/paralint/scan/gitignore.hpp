#pragma once
// gitignore(5) patterns, matched as git matches them, so that `paralint check DIR` skips
// what the repository ignores without running git: the pattern syntax (comments, `\`
// escapes, trailing spaces, `!` negation, a trailing `/` for directories only, a leading or
// middle `/` anchoring the pattern to its file's directory) and git's wildmatch with
// pathname semantics (`*`, `?` and `[...]` never match `/`; `**/`, `/**/` and `/**` cross
// directories; any other `**` is a `*`).
//
// Paths are relative to the directory the patterns belong to, `/`-separated, without a
// leading or trailing `/`. Not modelled: core.ignoreCase (matching is case-sensitive, as
// git's default on Linux).

#include <bitset>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace paralint {

// A glob as git's wildmatch reads it with WM_PATHNAME. A pattern git cannot use (an
// unclosed `[`, an unknown `[:class:]`, a trailing lone `\`) matches nothing.
class Glob {
 public:
  Glob() = default;
  explicit Glob(std::string_view pattern);
  [[nodiscard]] bool matches(std::string_view text) const;
  [[nodiscard]] bool usable() const { return usable_; }

 private:
  struct Token {
    enum class Kind {
      OneByte,         // a byte of `members` (a literal, `?` or a bracket expression)
      Star,            // any run of bytes without `/`
      AnyDirectories,  // `**/`: nothing, or anything that ends with `/`
      AnyPath,         // a trailing `**`: anything
    };
    Kind kind = Kind::OneByte;
    std::bitset<256> members;
    int literal = -1;  // the byte, for a OneByte written as itself
  };
  // The pattern as literal bytes around wildcards, so that most patterns of real
  // gitignore files (`build`, `*.pyc`) match without running the token automaton.
  std::string prefix_;
  std::vector<Token> middle_;
  std::string suffix_;
  bool usable_ = true;
};

enum class IgnoreVerdict {
  Unmatched,  // no pattern speaks about the path: a less specific source decides
  Ignored,
  Included,  // a `!` pattern matched last: ignored by nothing at this level or below it
};

// The patterns of one gitignore file (or of --exclude globs), in their order.
class GitignoreRules {
 public:
  // A gitignore file's bytes, its patterns after those already added: a UTF-8 BOM is
  // skipped, lines end at LF (a CR before it is dropped), blank lines and `#` comments are
  // skipped.
  void add_file(std::string_view text);

  // One pattern line, as written in a gitignore file.
  void add(std::string_view line);

  // The last matching pattern decides, as within one gitignore file.
  [[nodiscard]] IgnoreVerdict match(std::string_view path, bool is_directory) const;
  [[nodiscard]] bool empty() const { return patterns_.empty(); }

 private:
  struct Pattern {
    Glob glob;
    bool negated = false;
    bool directories_only = false;
    bool anchored = false;  // matched against the whole relative path, not the last component
  };
  std::vector<Pattern> patterns_;
};

// The gitignore files in force in one directory of a walk: each belongs to a directory
// (given relative to a common anchor, e.g. "" or "pkg/sub"), and for a path the nearest
// file with a matching pattern decides (gitignore(5): lower-level files override higher).
class GitignoreStack {
 public:
  // The directory's rules apply to every path below it until the matching pop().
  void push(std::string directory, GitignoreRules rules);
  void pop();
  [[nodiscard]] std::size_t depth() const { return levels_.size(); }

  // `path` relative to the anchor, below every pushed directory.
  [[nodiscard]] IgnoreVerdict match(std::string_view path, bool is_directory) const;

 private:
  struct Level {
    std::string prefix;  // the directory with a trailing `/`, or "" for the anchor itself
    GitignoreRules rules;
  };
  std::vector<Level> levels_;
};

}  // namespace paralint
