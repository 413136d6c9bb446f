#pragma once
// `--diff`: what a fix would change, as a unified diff (`diff -u`, `git apply` and `patch`
// read it), computed line by line with Myers' algorithm.

#include <string>
#include <string_view>

namespace paralint {

// The diff from `before` to `after`, labelled `--- a/NAME` and `+++ b/NAME` as git labels
// them, with three lines of context; "" when they are the same. A line ending changed (LF to
// CRLF) is a changed line; a last line without a line break is followed by
// `\ No newline at end of file`, as diff prints it.
std::string unified_diff(std::string_view before, std::string_view after, std::string_view name);

}  // namespace paralint
