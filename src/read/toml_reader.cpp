#include "paralint/read/toml_reader.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <map>

#include "read/tomlpp.hpp"

#include "paralint/read/ini_reader.hpp"

namespace paralint {

namespace {

// tomllib parses arrays and inline tables recursively: each array level costs two Python
// frames and each inline-table level three, and past CPython's recursion limit it raises
// RecursionError, which pytest does not catch. Measured through the oracle with Debian's
// pytest 7.2.1 on Python 3.11: 494 nested arrays, 329 nested inline tables and 197
// array+table pairs parse, one more level of each does not: kTomllibFrameBudget.

// A literal tomllib reads and toml++ refuses: an integer beyond 64 bits (tomllib returns
// Python's big int), or a float beyond double's range (tomllib's float() returns inf, -inf,
// or a value rounded to 0.0 or a subnormal; toml++ calls it an error). read_toml parses a
// string of the same length in its place and convert() puts the value back.
struct StandIn {
  std::size_t end = 0;
  std::optional<std::string> big_integer;  // its decimal digits
  double floating = 0;
};

struct PreScan {
  std::optional<std::size_t> excessive_nesting;  // offset of the bracket that is too deep
  std::optional<std::size_t> keys_too_deep;       // offset where kKeyNestingLimit is passed
  std::size_t deepest_frames = 0;                // the most frames the nesting costs anywhere
  std::size_t deepest_at = 0;                    // offset of the bracket that first reaches them
  // TOML 1.0 (what tomllib reads) allows non-ASCII text only in strings and comments.
  // (toml++ 3.3.0 meets some of them in its whitespace table even inside strings: tomlpp.hpp.)
  std::optional<std::size_t> stray_non_ascii;
  std::map<std::size_t, StandIn> stand_ins;  // by offset of the literal
};

// The digits of a TOML integer literal in `base`: at least one, single underscores only
// between digits (TOML 1.0's dec-int / hex-int / oct-int / bin-int).
bool valid_integer_digits(std::string_view digits, unsigned base) {
  auto is_digit = [base](char c) {
    const auto lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const unsigned value = c >= '0' && c <= '9' ? static_cast<unsigned>(c - '0')
                           : lower >= 'a' && lower <= 'f' ? static_cast<unsigned>(lower - 'a' + 10)
                                                          : base;
    return value < base;
  };
  if (digits.empty() || !is_digit(digits.front()) || !is_digit(digits.back())) return false;
  for (std::size_t at = 1; at < digits.size(); ++at) {
    if (digits[at] == '_' && digits[at - 1] == '_') return false;
    if (digits[at] != '_' && !is_digit(digits[at])) return false;
  }
  return true;
}

// Decimal digits of a TOML integer literal (underscores allowed, sign only on decimals),
// or nullopt when `token` is not one.
std::optional<std::string> integer_literal_decimal(std::string_view token) {
  std::string_view sign;
  if (!token.empty() && (token.front() == '+' || token.front() == '-')) {
    sign = token.substr(0, 1);
    token.remove_prefix(1);
  }
  unsigned base = 10;
  std::string_view digits = token;
  if (token.size() > 1 && token[0] == '0' && (token[1] == 'x' || token[1] == 'o' || token[1] == 'b')) {
    if (!sign.empty()) return std::nullopt;
    base = token[1] == 'x' ? 16 : token[1] == 'o' ? 8 : 2;
    digits = token.substr(2);
  } else if (token.size() > 1 && token[0] == '0') {
    return std::nullopt;  // leading zeros are not allowed on decimals
  }
  if (!valid_integer_digits(digits, base)) return std::nullopt;
  std::string result = "0";  // decimal digits, least significant first
  for (const char c : digits) {
    if (c == '_') continue;
    auto carry = static_cast<unsigned>(std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : std::tolower(static_cast<unsigned char>(c)) - 'a' + 10);
    for (auto& digit : result) {
      const unsigned next = static_cast<unsigned>(digit - '0') * base + carry;
      digit = static_cast<char>('0' + next % 10);
      carry = next / 10;
    }
    for (; carry != 0; carry /= 10) result += static_cast<char>('0' + carry % 10);
  }
  while (result.size() > 1 && result.back() == '0') result.pop_back();
  const bool negative = sign == "-" && result != "0";
  return (negative ? "-" : "") + std::string(result.rbegin(), result.rend());
}

bool fits_in_64_bits(const std::string& decimal) {
  const bool negative = decimal.starts_with('-');
  const auto digits = std::string_view(decimal).substr(negative ? 1 : 0);
  const std::string_view limit = negative ? "9223372036854775808" : "9223372036854775807";
  return digits.size() < limit.size() || (digits.size() == limit.size() && digits <= limit);
}

// The value of a TOML float literal (dec-int, then a fraction, an exponent or both) that
// overflows or underflows a double, as Python's float() (correctly rounded, like strtod)
// gives it; nullopt for anything else.
std::optional<double> float_beyond_double(std::string_view token) {
  std::size_t at = 0;
  if (at < token.size() && (token[at] == '+' || token[at] == '-')) ++at;
  auto digits = [&] {
    const auto start = at;
    while (at < token.size() && (std::isdigit(static_cast<unsigned char>(token[at])) != 0 || token[at] == '_')) ++at;
    return valid_integer_digits(token.substr(start, at - start), 10);
  };
  const auto integer_start = at;
  if (!digits()) return std::nullopt;
  if (at - integer_start > 1 && token[integer_start] == '0') return std::nullopt;  // no leading zeros in dec-int
  bool fraction_or_exponent = false;
  if (at < token.size() && token[at] == '.') {
    ++at;
    if (!digits()) return std::nullopt;
    fraction_or_exponent = true;
  }
  if (at < token.size() && (token[at] == 'e' || token[at] == 'E')) {
    ++at;
    if (at < token.size() && (token[at] == '+' || token[at] == '-')) ++at;
    if (!digits()) return std::nullopt;
    fraction_or_exponent = true;
  }
  if (at != token.size() || !fraction_or_exponent) return std::nullopt;
  std::string plain;
  std::copy_if(token.begin(), token.end(), std::back_inserter(plain), [](char c) { return c != '_'; });
  errno = 0;
  const double value = std::strtod(plain.c_str(), nullptr);
  if (errno != ERANGE) return std::nullopt;
  return value;
}

// One pass over the document that skips strings, comments and table headers and follows
// where values start: it weighs the nesting of arrays and inline tables as tomllib's
// recursion does, and finds integer literals too large for toml++.
PreScan pre_scan(std::string_view text) {
  PreScan scan;
  struct Open {
    char bracket;       // '[' for an array, '{' for an inline table
    std::size_t depth;  // its level in the document's tree of tables and values
  };
  std::vector<Open> open;
  std::size_t frames = 0;
  bool line_start = true;
  bool in_header = false;  // a [table] or [[array]] header line: its brackets are not values
  bool expect_value = false;
  std::size_t table_depth = 0;  // parts of the last table header's key
  std::size_t key_dots = 0;     // dots so far in the key being read
  std::size_t value_depth = 0;  // level of the value after the last `=`
  auto reach = [&](std::size_t depth, std::size_t at) {
    if (depth > kKeyNestingLimit && !scan.keys_too_deep) scan.keys_too_deep = at;
  };
  // The level of the table a key being read belongs to: the [table]'s, or an inline table's.
  auto key_base = [&] { return open.empty() ? table_depth : open.back().depth; };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      line_start = true;
      in_header = false;
      if (open.empty()) key_dots = 0;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r') continue;
    if (static_cast<unsigned char>(c) >= 0x80) {
      scan.stray_non_ascii = i;
      return scan;
    }
    const bool at_line_start = line_start;
    line_start = false;
    if (c == '#') {  // to the end of the line, which the loop then sees
      while (i + 1 < text.size() && text[i + 1] != '\n') ++i;
      continue;
    }
    if (c == '"' || c == '\'') {
      const bool multiline = i + 2 < text.size() && text[i + 1] == c && text[i + 2] == c;
      const auto close = text.substr(i, multiline ? 3 : 1);
      i += close.size();
      // Only a quote, a backslash (in a basic string) or a line break (in a one-line string)
      // can end the string or change how it goes on: jump to the next of those.
      const std::array<char, 3> stops{c, c == '"' ? '\\' : c, multiline ? c : '\n'};
      while (i < text.size()) {
        i = std::min(text.find_first_of(std::string_view(stops.data(), stops.size()), i), text.size());
        if (i == text.size() || text.substr(i, close.size()) == close) break;
        if (!multiline && text[i] == '\n') break;  // unterminated: toml++ reports it
        i += (c == '"' && text[i] == '\\') ? 2 : 1;
      }
      // Leave i on the string's last character, or before the line break that cut it short.
      i = (i < text.size() && text[i] == '\n') ? i - 1 : i + close.size() - 1;
      expect_value = false;
      continue;
    }
    if (in_header) {
      if (c == '.') reach(++table_depth, i);
      continue;
    }
    if (open.empty() && at_line_start && c == '[') {
      in_header = true;
      table_depth = 1;
      continue;
    }
    const bool in_key = !expect_value && (open.empty() || open.back().bracket == '{');
    if (c == '.' && in_key) {
      reach(key_base() + ++key_dots + 1, i);
    } else if (c == '=') {
      value_depth = key_base() + key_dots + 1;
      reach(value_depth, i);
      key_dots = 0;
      expect_value = true;
    } else if (c == '[' || c == '{') {
      const bool item = !open.empty() && open.back().bracket == '[';
      const std::size_t depth = item ? open.back().depth + 1 : value_depth;
      reach(depth, i);
      open.push_back({c, depth});
      key_dots = 0;
      frames += c == '[' ? 2 : 3;
      if (frames > scan.deepest_frames) {
        scan.deepest_frames = frames;
        scan.deepest_at = i;
      }
      if (frames > kTomllibFrameBudget && !scan.excessive_nesting) scan.excessive_nesting = i;
      expect_value = c == '[';
    } else if ((c == ']' || c == '}') && !open.empty()) {
      frames -= open.back().bracket == '[' ? 2 : 3;
      open.pop_back();
      expect_value = false;
    } else if (c == ',') {
      expect_value = !open.empty() && open.back().bracket == '[';
      key_dots = 0;
    } else if (expect_value) {
      std::size_t end = i;
      while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) != 0 || std::string_view("_+-.:").find(text[end]) != std::string_view::npos)) ++end;
      const auto token = text.substr(i, end - i);
      // Eighteen digits or fewer fit in 64 bits whatever they are: most numbers end here.
      const bool plain_short = token.size() <= 18 && std::all_of(token.begin(), token.end(), [](char d) {
        return (d >= '0' && d <= '9') || d == '_';
      });
      if (!plain_short) {
        if (const auto decimal = integer_literal_decimal(token); decimal && !fits_in_64_bits(*decimal)) {
          scan.stand_ins[i] = {end, *decimal, 0};
        } else if (const auto floating = float_beyond_double(token)) {
          scan.stand_ins[i] = {end, std::nullopt, *floating};
        }
      }
      i = end == i ? i : end - 1;
      expect_value = false;
    }
  }
  return scan;
}

Span span_of(const SourceText& source, const toml::source_region& region) {
  const auto begin = source.offset({region.begin.line, region.begin.column});
  const auto end = source.offset({region.end.line, region.end.column});
  return {begin, std::max(begin, end)};
}

DateTimeParts date_parts(const toml::date& date) {
  DateTimeParts parts;
  parts.year = date.year;
  parts.month = date.month;
  parts.day = date.day;
  return parts;
}

void add_time(DateTimeParts& parts, const toml::time& time) {
  parts.hour = time.hour;
  parts.minute = time.minute;
  parts.second = time.second;
  parts.microsecond = static_cast<int>(time.nanosecond / 1000);
}

Value convert(const SourceText& source, const toml::node& node, const std::map<std::size_t, StandIn>& stand_ins) {
  Value value;
  value.span = span_of(source, node.source());
  switch (node.type()) {
    case toml::node_type::string: {
      if (const auto stand_in = stand_ins.find(value.span.begin); stand_in != stand_ins.end()) {
        if (stand_in->second.big_integer) {
          value.kind = Value::Kind::Integer;
          value.big_integer = *stand_in->second.big_integer;
        } else {
          value.kind = Value::Kind::Float;
          value.floating = stand_in->second.floating;
        }
        break;
      }
      value.kind = Value::Kind::String;
      value.string = node.as_string()->get();
      break;
    }
    case toml::node_type::integer:
      value.kind = Value::Kind::Integer;
      value.integer = node.as_integer()->get();
      break;
    case toml::node_type::floating_point:
      value.kind = Value::Kind::Float;
      value.floating = node.as_floating_point()->get();
      break;
    case toml::node_type::boolean:
      value.kind = Value::Kind::Boolean;
      value.boolean = node.as_boolean()->get();
      break;
    case toml::node_type::date:
      value.kind = Value::Kind::DateTime;
      value.datetime = date_parts(node.as_date()->get());
      break;
    case toml::node_type::time:
      value.kind = Value::Kind::DateTime;
      add_time(value.datetime, node.as_time()->get());
      break;
    case toml::node_type::date_time: {
      const auto& date_time = node.as_date_time()->get();
      value.kind = Value::Kind::DateTime;
      value.datetime = date_parts(date_time.date);
      add_time(value.datetime, date_time.time);
      if (date_time.offset) value.datetime.offset_minutes = date_time.offset->minutes;
      break;
    }
    case toml::node_type::array:
      value.kind = Value::Kind::Array;
      value.items.reserve(node.as_array()->size());
      for (const auto& item : *node.as_array()) value.items.push_back(convert(source, item, stand_ins));
      break;
    case toml::node_type::table: {
      value.kind = Value::Kind::Table;
      // toml++ keeps keys sorted; tomllib (and so pytest) keeps document order.
      std::vector<std::pair<const toml::key*, const toml::node*>> ordered;
      ordered.reserve(node.as_table()->size());
      for (const auto& [key, child] : *node.as_table()) ordered.emplace_back(&key, &child);
      std::stable_sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) {
        const auto& left = a.first->source().begin;
        const auto& right = b.first->source().begin;
        return std::pair(left.line, left.column) < std::pair(right.line, right.column);
      });
      value.entries.reserve(ordered.size());
      for (const auto& [key, child] : ordered) {
        value.entries.push_back({std::string(key->str()), convert(source, *child, stand_ins), span_of(source, key->source())});
      }
      break;
    }
    case toml::node_type::none: break;
  }
  return value;
}

}  // namespace

TomlDocument read_toml(const SourceText& source) {
  TomlDocument document;
  document.root.kind = Value::Kind::Table;
  std::string_view text = source.bytes();

  std::size_t bad_offset = 0;
  if (auto decode_error = utf8_decode_error(text, bad_offset)) {
    const auto position = source.position(bad_offset);
    document.error = TomlError{position.line, 0, *decode_error};
    return document;
  }
  if (text.starts_with("\xEF\xBB\xBF")) {
    document.error = TomlError{1, 1, "Invalid statement"};
    return document;
  }
  const auto scan = pre_scan(text);
  document.nesting_frames = scan.deepest_frames;
  document.deepest_nesting_at = scan.deepest_at;
  if (scan.stray_non_ascii) {
    const auto position = source.position(*scan.stray_non_ascii);
    document.error = TomlError{position.line, position.column, "Invalid character outside a string or comment"};
    return document;
  }
  if (scan.excessive_nesting) {
    const auto position = source.position(*scan.excessive_nesting);
    document.error = TomlError{position.line, position.column,
                               "maximum recursion depth exceeded (tomllib nests arrays and inline tables recursively)"};
    return document;
  }
  if (scan.keys_too_deep) {
    const auto position = source.position(*scan.keys_too_deep);
    document.error = TomlError{
        position.line, position.column,
        "tables and values nested deeper than " + std::to_string(kKeyNestingLimit) +
            " levels, which paralint does not read (tomllib reads on: its time and memory grow with the square "
            "of the depth, 2.3 GB at 20,000 levels)",
        true};
    return document;
  }

  // pytest reads the file with Path.read_text(), whose universal newlines turn "\r\n" and a
  // lone "\r" into "\n" before tomllib sees the text. Lines stay where they were, so
  // toml++'s line/column positions still map onto the original bytes.
  // Literals toml++ refuses and tomllib reads are parsed as strings of the same length and
  // turned back into the values tomllib returns (StandIn).
  std::string replaced;
  if (!scan.stand_ins.empty()) {
    replaced = std::string(text);
    for (const auto& [begin, literal] : scan.stand_ins) {
      replaced.replace(begin, literal.end - begin, '"' + std::string(literal.end - begin - 2, '0') + '"');
    }
    text = replaced;
  }
  std::string normalized;
  if (text.find('\r') != std::string_view::npos) {
    normalized.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\r') {
        normalized += '\n';
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      } else {
        normalized += text[i];
      }
    }
  }
  auto result = toml::parse(normalized.empty() ? text : std::string_view(normalized), std::string_view(source.path().native()));
  if (!result) {
    const auto& error = result.error();
    document.error = TomlError{error.source().begin.line, error.source().begin.column, std::string(error.description())};
    return document;
  }
  document.root = convert(source, result.table(), scan.stand_ins);
  document.root.span = {0, text.size()};
  return document;
}

const TomlDocument& read_toml_once(const SourceText& source) {
  struct Parsed {
    std::string bytes;
    TomlDocument document;
  };
  static std::map<std::filesystem::path, Parsed> parsed;
  auto found = parsed.find(source.path());
  if (found == parsed.end() || found->second.bytes != source.bytes()) {
    found = parsed.insert_or_assign(source.path(), Parsed{std::string(source.bytes()), read_toml(source)}).first;
  }
  return found->second.document;
}

}  // namespace paralint
