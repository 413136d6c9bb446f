// Expectations confirmed with git 2.39 (`git check-ignore`, `git ls-files -o --exclude-standard`).

#include "paralint/scan/gitignore.hpp"

#include <doctest/doctest.h>

using paralint::GitignoreRules;
using paralint::GitignoreStack;
using paralint::Glob;
using paralint::IgnoreVerdict;

namespace {

GitignoreRules parse(std::string_view text) {
  GitignoreRules rules;
  rules.add_file(text);
  return rules;
}

bool gitignore_glob_matches(std::string_view pattern, std::string_view text) { return Glob(pattern).matches(text); }

// Whether one gitignore file's text ignores `path` (relative to its directory).
bool ignores(std::string_view text, std::string_view path, bool is_directory = false) {
  return parse(text).match(path, is_directory) == IgnoreVerdict::Ignored;
}

}  // namespace

TEST_CASE("glob: * and ? stop at /") {
  CHECK(gitignore_glob_matches("*.toml", "pyproject.toml"));
  CHECK_FALSE(gitignore_glob_matches("*.toml", "pkg/pyproject.toml"));
  CHECK(gitignore_glob_matches("foo/*", "foo/bar"));
  CHECK_FALSE(gitignore_glob_matches("foo/*", "foo/bar/hello.c"));
  CHECK(gitignore_glob_matches("a?c", "abc"));
  CHECK_FALSE(gitignore_glob_matches("a?c", "a/c"));
  CHECK_FALSE(gitignore_glob_matches("a?c", "ac"));
  CHECK(gitignore_glob_matches("*", ""));
  CHECK(gitignore_glob_matches("a*b*c", "aXbYbZc"));
  CHECK_FALSE(gitignore_glob_matches("a*b*c", "aXbY/bZc"));
}

TEST_CASE("glob: ** crosses directories only as a whole component") {
  CHECK(gitignore_glob_matches("**/foo", "foo"));
  CHECK(gitignore_glob_matches("**/foo", "a/b/foo"));
  CHECK_FALSE(gitignore_glob_matches("**/foo", "a/b/xfoo"));
  CHECK(gitignore_glob_matches("**/foo/bar", "x/foo/bar"));
  CHECK(gitignore_glob_matches("abc/**", "abc/x"));
  CHECK(gitignore_glob_matches("abc/**", "abc/x/y/z"));
  CHECK_FALSE(gitignore_glob_matches("abc/**", "abc"));
  CHECK(gitignore_glob_matches("a/**/b", "a/b"));
  CHECK(gitignore_glob_matches("a/**/b", "a/x/b"));
  CHECK(gitignore_glob_matches("a/**/b", "a/x/y/b"));
  CHECK_FALSE(gitignore_glob_matches("a/**/b", "a/x/yb"));
  CHECK(gitignore_glob_matches("**", "a/b/c"));
  // Anywhere else `**` is `*`.
  CHECK(gitignore_glob_matches("a**b", "aXXb"));
  CHECK_FALSE(gitignore_glob_matches("a**b", "a/b"));
  CHECK_FALSE(gitignore_glob_matches("a/**b", "a/x/b"));
  CHECK(gitignore_glob_matches("a/**b", "a/xb"));
  CHECK_FALSE(gitignore_glob_matches("**b/c", "x/b/c"));
  CHECK(gitignore_glob_matches("a/***/b", "a/x/y/b"));  // a longer run of stars is one `**`
}

TEST_CASE("glob: a ** right after the literal prefix acts as if at the start, as in git") {
  CHECK(gitignore_glob_matches("a**/b", "a/x/b"));
  CHECK(gitignore_glob_matches("a**/b", "ax/b"));
  CHECK(gitignore_glob_matches("a**/b", "a/b"));
  CHECK(gitignore_glob_matches("x/a**", "x/ab/c"));
  CHECK_FALSE(gitignore_glob_matches("c**b", "c/b"));         // not followed by `/`: a `*`
  CHECK_FALSE(gitignore_glob_matches("a*b**/c", "a-b/x/c"));  // past the first wildcard: a `*`
}

TEST_CASE("glob: bracket expressions") {
  CHECK(gitignore_glob_matches("[a-c]x", "bx"));
  CHECK_FALSE(gitignore_glob_matches("[a-c]x", "dx"));
  CHECK(gitignore_glob_matches("[!a-c]x", "dx"));
  CHECK(gitignore_glob_matches("[^a-c]x", "dx"));
  CHECK_FALSE(gitignore_glob_matches("[!a-c]x", "ax"));
  CHECK_FALSE(gitignore_glob_matches("[!a]x", "/x"));  // never a `/`, negated or not
  CHECK(gitignore_glob_matches("[]]", "]"));           // `]` first is a member
  CHECK(gitignore_glob_matches("[!]]", "a"));
  CHECK(gitignore_glob_matches("[a-]", "-"));  // `-` last is a member
  CHECK(gitignore_glob_matches("[-a]", "-"));
  CHECK(gitignore_glob_matches("[[:digit:]]x", "7x"));
  CHECK_FALSE(gitignore_glob_matches("[[:digit:]]x", "ax"));
  CHECK(gitignore_glob_matches("[[:alpha:]_]", "_"));
  CHECK(gitignore_glob_matches("[\\]]", "]"));
  CHECK(gitignore_glob_matches("[a\\-c]", "-"));
  CHECK_FALSE(gitignore_glob_matches("[a\\-c]", "b"));
  CHECK(gitignore_glob_matches("[[:]", ":"));  // not a class: `[` and `:` are members
  CHECK(gitignore_glob_matches("[[:]", "["));
  CHECK_FALSE(gitignore_glob_matches("[z-a]b", "-b"));  // an empty range matches nothing
}

TEST_CASE("glob: patterns git gives up on match nothing") {
  CHECK_FALSE(gitignore_glob_matches("[abc", "a"));
  CHECK_FALSE(gitignore_glob_matches("[abc", "[abc"));
  CHECK_FALSE(gitignore_glob_matches("[[:nope:]]", "a"));
  CHECK_FALSE(gitignore_glob_matches("foo\\", "foo"));
  CHECK_FALSE(gitignore_glob_matches("foo\\", "foo\\"));
}

TEST_CASE("glob: backslash escapes the next byte") {
  CHECK(gitignore_glob_matches("\\*", "*"));
  CHECK_FALSE(gitignore_glob_matches("\\*", "x"));
  CHECK(gitignore_glob_matches("\\[a]", "[a]"));
  CHECK(gitignore_glob_matches("a\\?", "a?"));
  CHECK(gitignore_glob_matches("\\a", "a"));
}

TEST_CASE("gitignore: comments, blank lines, escapes") {
  CHECK_FALSE(ignores("# build\n\n", "# build"));
  CHECK(ignores("\\#notes\n", "#notes"));
  CHECK(ignores("\\!keep\n", "!keep"));
  CHECK(ignores(" lead\n", " lead"));  // leading spaces are part of the pattern
  CHECK_FALSE(ignores(" lead\n", "lead"));
}

TEST_CASE("gitignore: trailing spaces go unless escaped; CR LF and a BOM are dropped") {
  CHECK(ignores("b.txt  \n", "b.txt"));
  CHECK(ignores("c.txt\\ \n", "c.txt "));
  CHECK_FALSE(ignores("c.txt\\ \n", "c.txt"));
  CHECK(ignores("f.txt \\ \n", "f.txt  "));
  CHECK(ignores("a.txt\r\nb.txt\r\n", "a.txt"));
  CHECK(
      ignores("\xEF\xBB\xBF"
              "a.txt\n",
              "a.txt"));
  CHECK_FALSE(
      ignores("x\n\xEF\xBB\xBF"
              "d.txt\n",
              "d.txt"));           // only at the start of the file
  CHECK(ignores("last", "last"));  // no final newline
}

TEST_CASE("gitignore: a pattern without a slash matches at any depth") {
  CHECK(ignores("build\n", "build", true));
  CHECK(ignores("build\n", "a/b/build", true));
  CHECK(ignores("*.egg-info\n", "src/pkg.egg-info", true));
  CHECK(ignores("hello.*\n", "a/hello.java"));
}

TEST_CASE("gitignore: a leading or middle slash anchors the pattern to the file's directory") {
  CHECK(ignores("/hello.*\n", "hello.txt"));
  CHECK_FALSE(ignores("/hello.*\n", "a/hello.java"));
  CHECK(ignores("doc/frotz\n", "doc/frotz", true));
  CHECK_FALSE(ignores("doc/frotz\n", "a/doc/frotz", true));
  CHECK(ignores("/doc/frotz\n", "doc/frotz", true));
}

TEST_CASE("gitignore: a trailing slash matches directories only") {
  CHECK(ignores("frotz/\n", "frotz", true));
  CHECK(ignores("frotz/\n", "a/frotz", true));
  CHECK_FALSE(ignores("frotz/\n", "frotz", false));
  CHECK(ignores("doc/frotz/\n", "doc/frotz", true));
  CHECK_FALSE(ignores("doc/frotz/\n", "a/doc/frotz", true));
  CHECK_FALSE(ignores("/\n", "anything", true));  // nothing left to match with
}

TEST_CASE("gitignore: the last matching pattern of a file decides") {
  const auto rules = parse("*.ini\n!pytest.ini\n");
  CHECK(rules.match("tox.ini", false) == IgnoreVerdict::Ignored);
  CHECK(rules.match("pytest.ini", false) == IgnoreVerdict::Included);
  CHECK(rules.match("setup.cfg", false) == IgnoreVerdict::Unmatched);
  const auto reversed = parse("!pytest.ini\n*.ini\n");
  CHECK(reversed.match("pytest.ini", false) == IgnoreVerdict::Ignored);
}

TEST_CASE("gitignore: patterns can be added one by one, as --exclude globs are") {
  GitignoreRules rules;
  CHECK(rules.empty());
  rules.add("legacy/");
  rules.add("pkg/*/setup.cfg");
  CHECK(rules.match("legacy", true) == IgnoreVerdict::Ignored);
  CHECK(rules.match("pkg/a/setup.cfg", false) == IgnoreVerdict::Ignored);
  CHECK(rules.match("pkg/a/b/setup.cfg", false) == IgnoreVerdict::Unmatched);
}

TEST_CASE("gitignore stack: the nearest file with a matching pattern decides") {
  GitignoreStack stack;
  stack.push("", parse("vmlinux*\ngenerated/\n"));
  stack.push("arch/foo/kernel", parse("!/vmlinux*\n"));
  CHECK(stack.depth() == 2);
  CHECK(stack.match("vmlinux.lds.S", false) == IgnoreVerdict::Ignored);
  CHECK(stack.match("arch/foo/kernel/vmlinux.lds.S", false) == IgnoreVerdict::Included);
  CHECK(stack.match("arch/foo/kernel/sub/vmlinux.lds.S", false) == IgnoreVerdict::Ignored);  // `/` anchors to kernel/
  CHECK(stack.match("arch/foo/kernel/generated", true) == IgnoreVerdict::Ignored);
  CHECK(stack.match("arch/other", true) == IgnoreVerdict::Unmatched);
  stack.pop();
  CHECK(stack.match("arch/foo/kernel/vmlinux.lds.S", false) == IgnoreVerdict::Ignored);
}

TEST_CASE("gitignore stack: a directory's patterns match paths relative to it, not to a sibling") {
  GitignoreStack stack;
  stack.push("pkg", parse("/out\n"));
  CHECK(stack.match("pkg/out", true) == IgnoreVerdict::Ignored);
  CHECK(stack.match("pkg2/out", true) == IgnoreVerdict::Unmatched);
  CHECK(stack.match("out", true) == IgnoreVerdict::Unmatched);
}
