#pragma once
// Whether Python's `re` compiles a pattern, decided without an interpreter. pytest hands
// the message and module fields of a `filterwarnings` entry to re.compile(); a pattern
// `re` refuses stops pytest at start-up. Only errors that every Python 3 release raises
// are reported; constructs whose treatment differs between releases (possessive
// quantifiers and atomic groups are new in 3.11) or that this scanner does not follow
// (look-behind widths, group references, inline flags) make the verdict "unknown".

#include <string>
#include <string_view>

namespace paralint::rules {

struct RegexVerdict {
  enum class Kind { Valid, Invalid, Unknown };
  Kind kind = Kind::Valid;
  std::string message;  // str(re.error): "missing ), unterminated subpattern at position 3"
};

RegexVerdict check_python_regex(std::string_view pattern);

}  // namespace paralint::rules
