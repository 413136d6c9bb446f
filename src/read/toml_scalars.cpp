#include "read/toml_scalars.hpp"

#include <algorithm>
#include <cstdlib>
#include <limits>

namespace paralint::toml_scalars {

namespace {

bool digit_at(std::string_view text, std::size_t at) { return at < text.size() && text[at] >= '0' && text[at] <= '9'; }
bool char_in(std::string_view text, std::size_t at, char low, char high) {
  return at < text.size() && text[at] >= low && text[at] <= high;
}
int two_digits(std::string_view text, std::size_t at) { return (text[at] - '0') * 10 + (text[at + 1] - '0'); }

// ([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9])(?:\.([0-9]{1,6})[0-9]*)?
std::optional<std::size_t> match_time(std::string_view text, std::size_t at, DateTimeParts& parts) {
  const bool hour = (char_in(text, at, '0', '1') && digit_at(text, at + 1)) ||
                    (char_in(text, at, '2', '2') && char_in(text, at + 1, '0', '3'));
  if (!hour || !char_in(text, at + 2, ':', ':') || !char_in(text, at + 3, '0', '5') || !digit_at(text, at + 4) ||
      !char_in(text, at + 5, ':', ':') || !char_in(text, at + 6, '0', '5') || !digit_at(text, at + 7)) {
    return std::nullopt;
  }
  parts.hour = two_digits(text, at);
  parts.minute = two_digits(text, at + 3);
  parts.second = two_digits(text, at + 6);
  auto end = at + 8;
  if (char_in(text, end, '.', '.') && digit_at(text, end + 1)) {
    ++end;
    int micro = 0;
    int digits = 0;
    for (; digit_at(text, end); ++end) {
      if (digits < 6) {
        micro = micro * 10 + (text[end] - '0');
        ++digits;
      }
    }
    for (; digits < 6; ++digits) micro *= 10;  // int(micros_str.ljust(6, "0"))
    parts.microsecond = micro;
  }
  return end;
}

bool is_leap(int year) { return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0); }

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

// `_?[0-9]`-style runs: digits, each optionally after one underscore. Returns the end.
template <typename IsDigit>
std::size_t digit_run(std::string_view text, std::size_t at, IsDigit is_digit) {
  while (true) {
    if (at < text.size() && is_digit(text[at])) {
      ++at;
    } else if (at + 1 < text.size() && text[at] == '_' && is_digit(text[at + 1])) {
      at += 2;
    } else {
      return at;
    }
  }
}

unsigned digit_value(char c) {
  return c <= '9' ? static_cast<unsigned>(c - '0') : static_cast<unsigned>((c | 0x20) - 'a' + 10);
}

// Decimal digits of the magnitude `digits` (underscores skipped) in `base`, for the rare
// integer beyond 64 bits.
std::string decimal_of(std::string_view digits, unsigned base) {
  std::string result = "0";  // least significant digit first
  for (const char c : digits) {
    if (c == '_') continue;
    auto carry = digit_value(c);
    for (auto& digit : result) {
      const unsigned next = static_cast<unsigned>(digit - '0') * base + carry;
      digit = static_cast<char>('0' + next % 10);
      carry = next / 10;
    }
    for (; carry != 0; carry /= 10) result += static_cast<char>('0' + carry % 10);
  }
  while (result.size() > 1 && result.back() == '0') result.pop_back();
  return {result.rbegin(), result.rend()};
}

// int(s, 0) of a matched integer literal: int64 when it fits, else its decimal digits.
void set_integer(NumberMatch& match, bool negative, std::string_view digits, unsigned base) {
  constexpr auto kLimit = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  std::uint64_t magnitude = 0;
  bool overflow = false;
  for (const char c : digits) {
    if (c == '_') continue;
    const auto value = digit_value(c);
    if (magnitude > (std::numeric_limits<std::uint64_t>::max() - value) / base) {
      overflow = true;
      break;
    }
    magnitude = magnitude * base + value;
  }
  if (!overflow && magnitude <= kLimit) {
    match.integer = negative ? -static_cast<std::int64_t>(magnitude) : static_cast<std::int64_t>(magnitude);
  } else if (!overflow && negative && magnitude == kLimit + 1) {
    match.integer = std::numeric_limits<std::int64_t>::min();
  } else {
    match.big_integer = (negative ? "-" : "") + decimal_of(digits, base);
  }
}

}  // namespace

std::optional<DateTimeMatch> match_datetime(std::string_view text, std::size_t at) {
  // ([0-9]{4})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])
  if (at + 10 > text.size()) return std::nullopt;
  for (std::size_t i = 0; i < 4; ++i) {
    if (!digit_at(text, at + i)) return std::nullopt;
  }
  const bool month = (text[at + 5] == '0' && char_in(text, at + 6, '1', '9')) ||
                     (text[at + 5] == '1' && char_in(text, at + 6, '0', '2'));
  const bool day = (text[at + 8] == '0' && char_in(text, at + 9, '1', '9')) ||
                   ((text[at + 8] == '1' || text[at + 8] == '2') && digit_at(text, at + 9)) ||
                   (text[at + 8] == '3' && char_in(text, at + 9, '0', '1'));
  if (text[at + 4] != '-' || !month || text[at + 7] != '-' || !day) return std::nullopt;
  DateTimeMatch match;
  const int year = two_digits(text, at) * 100 + two_digits(text, at + 2);
  match.parts.year = year;
  match.parts.month = two_digits(text, at + 5);
  match.parts.day = two_digits(text, at + 8);
  match.end = at + 10;
  match.valid = year >= 1 && *match.parts.day <= days_in_month(year, *match.parts.month);

  // (?:[Tt ] TIME (?:([Zz])|([+-])([01][0-9]|2[0-3]):([0-5][0-9]))?)?
  const auto separator = match.end;
  if (separator < text.size() && (text[separator] == 'T' || text[separator] == 't' || text[separator] == ' ')) {
    DateTimeParts with_time = match.parts;
    if (const auto time_end = match_time(text, separator + 1, with_time)) {
      match.parts = with_time;
      match.end = *time_end;
      const auto offset = match.end;
      if (offset < text.size() && (text[offset] == 'Z' || text[offset] == 'z')) {
        match.parts.offset_minutes = 0;
        ++match.end;
      } else if (offset < text.size() && (text[offset] == '+' || text[offset] == '-')) {
        const bool hours = (char_in(text, offset + 1, '0', '1') && digit_at(text, offset + 2)) ||
                           (char_in(text, offset + 1, '2', '2') && char_in(text, offset + 2, '0', '3'));
        if (hours && char_in(text, offset + 3, ':', ':') && char_in(text, offset + 4, '0', '5') &&
            digit_at(text, offset + 5)) {
          const int minutes = two_digits(text, offset + 1) * 60 + two_digits(text, offset + 4);
          match.parts.offset_minutes = text[offset] == '-' ? -minutes : minutes;
          match.end = offset + 6;
        }
      }
    }
  }
  return match;
}

std::optional<DateTimeMatch> match_local_time(std::string_view text, std::size_t at) {
  DateTimeMatch match;
  const auto end = match_time(text, at, match.parts);
  if (!end) return std::nullopt;
  match.end = *end;
  return match;
}

std::optional<NumberMatch> match_number(std::string_view text, std::size_t at) {
  NumberMatch match;
  // 0(?:x[0-9A-Fa-f](?:_?[0-9A-Fa-f])*|b[01](?:_?[01])*|o[0-7](?:_?[0-7])*)
  if (at + 2 < text.size() && text[at] == '0') {
    const char prefix = text[at + 1];
    const unsigned base = prefix == 'x' ? 16 : prefix == 'o' ? 8 : prefix == 'b' ? 2 : 0;
    const auto in_base = [base](char c) {
      const bool hex_letter = (c | 0x20) >= 'a' && (c | 0x20) <= 'f';
      return (c >= '0' && c <= '9' && digit_value(c) < base) || (base == 16 && hex_letter);
    };
    if (base != 0 && in_base(text[at + 2])) {
      match.end = digit_run(text, at + 2, in_base);
      set_integer(match, false, text.substr(at + 2, match.end - at - 2), base);
      return match;
    }
  }
  // [+-]?(?:0|[1-9](?:_?[0-9])*) then (?:\.[0-9](?:_?[0-9])*)?(?:[eE][+-]?[0-9](?:_?[0-9])*)?
  const auto is_decimal = [](char c) { return c >= '0' && c <= '9'; };
  auto end = at;
  if (end < text.size() && (text[end] == '+' || text[end] == '-')) ++end;
  const auto digits_begin = end;
  if (char_in(text, end, '0', '0')) {
    ++end;
  } else if (char_in(text, end, '1', '9')) {
    end = digit_run(text, end + 1, is_decimal);
  } else {
    return std::nullopt;
  }
  const auto integer_end = end;
  if (char_in(text, end, '.', '.') && digit_at(text, end + 1)) end = digit_run(text, end + 2, is_decimal);
  if (end < text.size() && (text[end] == 'e' || text[end] == 'E')) {
    auto exponent = end + 1;
    if (exponent < text.size() && (text[exponent] == '+' || text[exponent] == '-')) ++exponent;
    if (digit_at(text, exponent)) end = digit_run(text, exponent + 1, is_decimal);
  }
  match.end = end;
  if (end == integer_end) {
    set_integer(match, text[at] == '-', text.substr(digits_begin, integer_end - digits_begin), 10);
    return match;
  }
  // float() accepts the underscores TOML allows; strtod needs them gone. Correctly rounded
  // like Python's, and like it beyond double's range: inf, or 0 and subnormals.
  std::string plain;
  plain.reserve(end - at);
  std::copy_if(text.begin() + static_cast<std::ptrdiff_t>(at), text.begin() + static_cast<std::ptrdiff_t>(end),
               std::back_inserter(plain), [](char c) { return c != '_'; });
  match.is_float = true;
  match.floating = std::strtod(plain.c_str(), nullptr);
  return match;
}

}  // namespace paralint::toml_scalars
