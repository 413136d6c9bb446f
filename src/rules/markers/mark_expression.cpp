#include "rules/markers/mark_expression.hpp"

#include <algorithm>
#include <array>

#include "paralint/read/source_text.hpp"

namespace paralint::rules {

namespace {

enum class TokenType { LeftParen, RightParen, Or, And, Not, Identifier, EndOfInput, Equal, String, Comma };

// TokenType.value in expression.py: what error messages call each token.
std::string_view describe(TokenType type) {
  switch (type) {
    case TokenType::LeftParen:
      return "left parenthesis";
    case TokenType::RightParen:
      return "right parenthesis";
    case TokenType::Or:
      return "or";
    case TokenType::And:
      return "and";
    case TokenType::Not:
      return "not";
    case TokenType::Identifier:
      return "identifier";
    case TokenType::EndOfInput:
      return "end of input";
    case TokenType::Equal:
      return "=";
    case TokenType::String:
      return "string literal";
    case TokenType::Comma:
      return ",";
  }
  return "";
}

struct Token {
  TokenType type = TokenType::EndOfInput;
  std::string_view value;
  std::size_t offset = 0;
};

struct Failure {
  std::size_t offset;
  std::string message;
  bool too_deep = false;
};

// Python's `\w` for one byte of UTF-8: ASCII letters, digits and `_`; every non-ASCII byte
// is taken as part of a word (Python also counts most non-ASCII letters; symbols such as
// '€' are the rare exception).
bool is_word_byte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

bool is_identifier_char(char c) {
  return is_word_byte(c) || c == ':' || c == '+' || c == '-' || c == '.' || c == '[' || c == ']' || c == '\\' ||
         c == '/';
}

// str.isidentifier(), with non-ASCII taken as letters.
bool is_python_identifier(std::string_view text) {
  if (text.empty() || (text[0] >= '0' && text[0] <= '9')) return false;
  return std::all_of(text.begin(), text.end(), is_word_byte);
}

bool is_python_keyword(std::string_view text) {
  static constexpr std::array<std::string_view, 35> keywords = {
      "False", "None",     "True",  "and",    "as",   "assert", "async",  "await",    "break",
      "class", "continue", "def",   "del",    "elif", "else",   "except", "finally",  "for",
      "from",  "global",   "if",    "import", "in",   "is",     "lambda", "nonlocal", "not",
      "or",    "pass",     "raise", "return", "try",  "while",  "with",   "yield"};
  return std::find(keywords.begin(), keywords.end(), text) != keywords.end();
}

bool is_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Scanner: tokens are made one at a time, one ahead of the parser, as expression.py's
// generator does, so that a bad character after a syntax error is never reported.
class Scanner {
 public:
  Scanner(std::string_view input, const Version& pytest)
      : input_(input),
        keyword_arguments_(pytest >= Version{8, 3, 0}),
        backslash_anywhere_(pytest >= Version{8, 3, 0} && pytest < Version{9, 1, 0}) {
    current_ = lex();
  }

  [[nodiscard]] const Token& current() const { return current_; }

  std::optional<Token> accept(TokenType type, bool reject = false) {
    if (current_.type == type) {
      Token token = current_;
      if (token.type != TokenType::EndOfInput) current_ = lex();
      return token;
    }
    if (reject) this->reject({type});
    return std::nullopt;
  }

  [[noreturn]] void reject(std::initializer_list<TokenType> expected) const {
    std::string message = "expected ";
    bool first = true;
    for (const auto type : expected) {
      if (!first) message += " OR ";
      message += describe(type);
      first = false;
    }
    message += "; got ";
    message += describe(current_.type);
    throw Failure{current_.offset, message};
  }

 private:
  Token lex() {
    while (pos_ < input_.size() && (input_[pos_] == ' ' || input_[pos_] == '\t')) ++pos_;
    if (pos_ >= input_.size()) return {TokenType::EndOfInput, {}, pos_};
    const std::size_t start = pos_;
    const char c = input_[pos_];
    auto single = [&](TokenType type) {
      ++pos_;
      return Token{type, input_.substr(start, 1), start};
    };
    if (c == '(') return single(TokenType::LeftParen);
    if (c == ')') return single(TokenType::RightParen);
    if (keyword_arguments_) {
      if (c == '=') return single(TokenType::Equal);
      if (c == ',') return single(TokenType::Comma);
      if (c == '\'' || c == '"') {
        const auto close = input_.find(c, start + 1);
        if (close == std::string_view::npos) {
          throw Failure{start, std::string("closing quote \"") + c + "\" is missing"};
        }
        const auto value = input_.substr(start, close + 1 - start);
        // 8.3.0-9.0.x searched the whole expression for a backslash, 9.1.0 only the string.
        const auto backslash = backslash_anywhere_ ? input_.find('\\') : value.find('\\');
        if (backslash != std::string_view::npos) {
          throw Failure{backslash_anywhere_ ? backslash : start + backslash,
                        R"(escaping with "\" not supported in marker expression)"};
        }
        pos_ = close + 1;
        return {TokenType::String, value, start};
      }
    }
    std::size_t end = start;
    while (end < input_.size() && is_identifier_char(input_[end])) ++end;
    if (end == start) {
      // The whole code point, as Python prints it.
      char32_t ignored = 0;
      const auto length = decode_utf8(input_, start, ignored);
      throw Failure{start, "unexpected character \"" + std::string(input_.substr(start, length)) + "\""};
    }
    pos_ = end;
    const auto value = input_.substr(start, end - start);
    if (value == "or") return {TokenType::Or, value, start};
    if (value == "and") return {TokenType::And, value, start};
    if (value == "not") return {TokenType::Not, value, start};
    return {TokenType::Identifier, value, start};
  }

  std::string_view input_;
  bool keyword_arguments_;
  bool backslash_anywhere_;
  std::size_t pos_ = 0;
  Token current_;
};

}  // namespace

class MarkExpressionParser {
 public:
  MarkExpressionParser(std::string_view text, const Version& pytest, MarkExpression& out)
      : scanner_(text, pytest), keyword_arguments_(pytest >= Version{8, 3, 0}), out_(out) {}

  void parse() {
    if (scanner_.accept(TokenType::EndOfInput)) {
      out_.root_ = add({MarkExpression::Node::Kind::False, 0, {}});
      return;
    }
    out_.root_ = expr();
    scanner_.accept(TokenType::EndOfInput, true);
  }

 private:
  using Kind = MarkExpression::Node::Kind;

  std::size_t add(MarkExpression::Node node) {
    out_.nodes_.push_back(std::move(node));
    return out_.nodes_.size() - 1;
  }

  // One Python frame of pytest's parser, entered: past the budget, pytest's RecursionError.
  class Frame {
   public:
    explicit Frame(MarkExpressionParser& parser) : parser_(parser) {
      if (++parser_.frames_ > kMarkExpressionFrames) {
        throw Failure{parser_.scanner_.current().offset, "RecursionError: maximum recursion depth exceeded", true};
      }
    }
    ~Frame() { --parser_.frames_; }
    Frame(const Frame&) = delete;
    Frame& operator=(const Frame&) = delete;
    Frame(Frame&&) = delete;
    Frame& operator=(Frame&&) = delete;

   private:
    MarkExpressionParser& parser_;
  };

  std::size_t expr() {
    const Frame frame(*this);
    auto left = and_expr();
    while (scanner_.accept(TokenType::Or)) left = add({Kind::Or, 0, {left, and_expr()}});
    return left;
  }

  std::size_t and_expr() {
    const Frame frame(*this);
    auto left = not_expr();
    while (scanner_.accept(TokenType::And)) left = add({Kind::And, 0, {left, not_expr()}});
    return left;
  }

  std::size_t not_expr() {
    const Frame frame(*this);
    if (scanner_.accept(TokenType::Not)) {
      ++negations_;
      const auto operand = not_expr();
      --negations_;
      return add({Kind::Not, 0, {operand}});
    }
    if (scanner_.accept(TokenType::LeftParen)) {
      const auto inner = expr();
      scanner_.accept(TokenType::RightParen, true);
      return inner;
    }
    if (const auto ident = scanner_.accept(TokenType::Identifier)) {
      MarkExpressionName name{std::string(ident->value), ident->offset, false, negations_ % 2 == 1};
      if (keyword_arguments_ && scanner_.accept(TokenType::LeftParen)) {
        keyword_argument();
        while (scanner_.accept(TokenType::Comma)) keyword_argument();
        scanner_.accept(TokenType::RightParen, true);
        name.with_arguments = true;
      }
      out_.names_.push_back(std::move(name));
      return add({Kind::Name, out_.names_.size() - 1, {}});
    }
    scanner_.reject({TokenType::Not, TokenType::LeftParen, TokenType::Identifier});
  }

  void keyword_argument() {
    const auto name = *scanner_.accept(TokenType::Identifier, true);
    if (!is_python_identifier(name.value)) {
      throw Failure{name.offset, "not a valid python identifier " + std::string(name.value)};
    }
    if (is_python_keyword(name.value)) {
      throw Failure{name.offset, "unexpected reserved python keyword `" + std::string(name.value) + "`"};
    }
    scanner_.accept(TokenType::Equal, true);
    if (scanner_.accept(TokenType::String)) return;
    const auto value = *scanner_.accept(TokenType::Identifier, true);
    const auto text = value.value;
    const bool number = is_digits(text) || (text.starts_with('-') && is_digits(text.substr(1)));
    if (!number && text != "True" && text != "False" && text != "None") {
      throw Failure{value.offset, "unexpected character/s \"" + std::string(text) + "\""};
    }
  }

  Scanner scanner_;
  bool keyword_arguments_;
  MarkExpression& out_;
  std::size_t negations_ = 0;
  std::size_t frames_ = 0;
};

MarkExpression MarkExpression::parse(std::string_view text, const Version& pytest) {
  MarkExpression out;
  try {
    MarkExpressionParser(text, pytest, out).parse();
  } catch (const Failure& failure) {
    out.error_ = MarkExpressionError{count_code_points(text.substr(0, failure.offset)) + 1, failure.offset,
                                     failure.message, failure.too_deep};
    out.nodes_.clear();
  }
  return out;
}

bool MarkExpression::evaluate(const std::function<bool(std::size_t)>& matches) const {
  return !error_ && !nodes_.empty() && evaluate(root_, matches);
}

bool MarkExpression::evaluate(std::size_t node, const std::function<bool(std::size_t)>& matches) const {
  const auto& current = nodes_[node];
  switch (current.kind) {
    case Node::Kind::False:
      return false;
    case Node::Kind::Name:
      return matches(current.name);
    case Node::Kind::Not:
      return !evaluate(current.children[0], matches);
    case Node::Kind::And:
      return evaluate(current.children[0], matches) && evaluate(current.children[1], matches);
    case Node::Kind::Or:
      return evaluate(current.children[0], matches) || evaluate(current.children[1], matches);
  }
  return false;
}

std::string mark_expression_usage_error(std::string_view text, const MarkExpressionError& error, std::string_view flag) {
  return "Wrong expression passed to '" + std::string(flag) + "': " + std::string(text) + ": at column " + std::to_string(error.column) +
         ": " + error.message;
}

std::string mark_expression_too_deep(std::string_view message, std::string_view flag) {
  return std::string(message) + ": its " + std::string(flag) +
         " parser recurses three Python frames per level of parentheses and one per `not`, and this expression nests "
         "deeper than Python's recursion limit allows (pytest fails from about 318 levels of parentheses or 960 "
         "`not`s, depending on how it is started)";
}

}  // namespace paralint::rules
