#pragma once
// pytest's `-m` expression language (_pytest/mark/expression.py), as each release parses it:
//   expression: expr? EOF
//   expr:       and_expr ('or' and_expr)*
//   and_expr:   not_expr ('and' not_expr)*
//   not_expr:   'not' not_expr | '(' expr ')' | ident kwargs?      (kwargs from 8.3.0)
//   ident:      (\w|:|\+|-|\.|\[|\]|\\|/)+
//   kwargs:     '(' name '=' value (',' name '=' value)* ')'
// Errors carry pytest's own text and 1-based column (in code points).

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "paralint/schema/version.hpp"

namespace paralint::rules {

struct MarkExpressionError {
  std::size_t column = 0;  // 1-based, in code points, as pytest prints it
  std::size_t offset = 0;  // the same place as a byte offset into the expression
  std::string message;     // "expected not OR left parenthesis OR identifier; got end of input"
  // Not a syntax error: the expression nests deeper than Python lets pytest's recursive
  // parser go, and pytest stops with INTERNALERROR RecursionError (exit 3), not a usage error.
  bool too_deep = false;
};

// pytest's parser costs three Python frames per level of parentheses (expr, and_expr,
// not_expr) and one per `not`. Measured with pytest 7.2.1 on Python 3.11 (recursion limit
// 1000): `python -m pytest` fails from 320 levels of parentheses and 965 `not`s, the pytest
// script from 321 and 968, an xdist worker from 318 and 960, since each starts the parser at
// another stack depth. pytest 8 and 9 parse the same way. An expression whose parse goes
// deeper than kMarkExpressionFrames frames (318 levels of parentheses) fails, however it is
// started; paralint's own parser stops there too, so its stack stays bounded.
inline constexpr std::size_t kMarkExpressionFrames = 956;

// One marker name the expression tests, with or without keyword arguments.
struct MarkExpressionName {
  std::string name;
  std::size_t offset = 0;  // byte offset of the name in the expression
  bool with_arguments = false;
  bool negated = false;  // under an odd number of `not`s: the expression wants tests without it
};

class MarkExpression {
 public:
  // Parses as the given pytest release does.
  static MarkExpression parse(std::string_view text, const Version& pytest);

  [[nodiscard]] const std::optional<MarkExpressionError>& error() const { return error_; }
  [[nodiscard]] const std::vector<MarkExpressionName>& names() const { return names_; }
  // The value for a test whose marks make `matches(name_index)` true or false; an empty
  // expression is false (pytest: "Empty expression evaluates to False").
  [[nodiscard]] bool evaluate(const std::function<bool(std::size_t)>& matches) const;

  // Parser internals, public so the recursive descent in the .cpp can build them.
  struct Node {
    enum class Kind { False, Name, Not, And, Or } kind = Kind::False;
    std::size_t name = 0;  // index into names() for Kind::Name
    std::vector<std::size_t> children;
  };

 private:
  friend class MarkExpressionParser;
  std::optional<MarkExpressionError> error_;
  std::vector<MarkExpressionName> names_;
  std::vector<Node> nodes_;
  std::size_t root_ = 0;

  [[nodiscard]] bool evaluate(std::size_t node, const std::function<bool(std::size_t)>& matches) const;
};

// pytest's UsageError text: "Wrong expression passed to '-m': EXPR: at column N: MESSAGE".
// `-k` expressions use the same grammar and parser (flag "-k").
std::string mark_expression_usage_error(std::string_view text, const MarkExpressionError& error,
                                        std::string_view flag = "-m");

// What pytest prints for an expression past kMarkExpressionFrames, and why.
std::string mark_expression_too_deep(std::string_view message, std::string_view flag);

}  // namespace paralint::rules
