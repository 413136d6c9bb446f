#include "paralint/read/shlex.hpp"

namespace paralint {

namespace {

bool is_shlex_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

}  // namespace

ShlexResult shlex_split(std::string_view input) {
  ShlexResult result;
  enum class State { Between, Word, SingleQuote, DoubleQuote, Escape };
  State state = State::Between;
  State escaped_from = State::Word;  // the state an escape returns to
  std::string token;
  bool quoted = false;
  std::size_t token_begin = 0;
  std::size_t quote_begin = 0;

  auto emit = [&](std::size_t end) {
    result.tokens.push_back({token, token_begin, end});
    token.clear();
    quoted = false;
  };

  for (std::size_t i = 0; i < input.size(); ++i) {
    const char c = input[i];
    switch (state) {
      case State::Between:
        if (is_shlex_space(c)) break;
        token_begin = i;
        if (c == '\\') {
          escaped_from = State::Word;
          state = State::Escape;
        } else if (c == '\'' || c == '"') {
          quote_begin = i;
          quoted = true;
          state = c == '\'' ? State::SingleQuote : State::DoubleQuote;
        } else {
          token += c;
          state = State::Word;
        }
        break;
      case State::Word:
        if (is_shlex_space(c)) {
          emit(i);
          state = State::Between;
        } else if (c == '\'' || c == '"') {
          quote_begin = i;
          quoted = true;
          state = c == '\'' ? State::SingleQuote : State::DoubleQuote;
        } else if (c == '\\') {
          escaped_from = State::Word;
          state = State::Escape;
        } else {
          token += c;
        }
        break;
      case State::SingleQuote:
        if (c == '\'') {
          state = State::Word;
        } else {
          token += c;
        }
        break;
      case State::DoubleQuote:
        if (c == '"') {
          state = State::Word;
        } else if (c == '\\') {
          escaped_from = State::DoubleQuote;
          state = State::Escape;
        } else {
          token += c;
        }
        break;
      case State::Escape:
        // Inside double quotes only '"' and '\' can be escaped; elsewhere the
        // backslash is kept.
        if (escaped_from == State::DoubleQuote && c != '"' && c != '\\') token += '\\';
        token += c;
        state = escaped_from;
        break;
    }
  }

  switch (state) {
    case State::SingleQuote:
    case State::DoubleQuote:
      result.error = "No closing quotation";
      result.error_offset = quote_begin;
      break;
    case State::Escape:
      result.error = "No escaped character";
      result.error_offset = input.size() - 1;
      break;
    case State::Word:
      emit(input.size());
      break;
    case State::Between:
      break;
  }
  if (result.error) result.tokens.clear();
  return result;
}

}  // namespace paralint
