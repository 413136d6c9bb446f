#include "paralint/read/toml_reader.hpp"

#include <doctest/doctest.h>

#include <array>
#include <cmath>
#include <string>
#include <vector>

using paralint::SourceText;
using paralint::TomlDocument;
using paralint::Value;

// Expected values were checked against CPython 3.11's tomllib.

namespace {

struct ParsedToml {
  SourceText source;
  TomlDocument document;

  explicit ParsedToml(std::string text) : source("test.toml", std::move(text)), document(paralint::read_toml(source)) {}

  [[nodiscard]] const Value& at(std::initializer_list<std::string_view> path) const {
    REQUIRE_FALSE(document.error);
    const Value* value = &document.root;
    for (const auto key : path) {
      value = value->find(key);
      REQUIRE(value != nullptr);
    }
    return *value;
  }
};

std::vector<std::string> keys(const Value& table) {
  std::vector<std::string> out;
  for (const auto& entry : table.entries) out.push_back(entry.key);
  return out;
}

std::string nested_arrays(std::size_t depth) {
  return "a = " + std::string(depth, '[') + std::string(depth, ']') + "\n";
}

}  // namespace

// --- document order --------------------------------------------------------------------

TEST_CASE("toml_reader: keys keep document order") {
  const ParsedToml toml("zeta = 1\nalpha = 2\nmid = 3\n");
  CHECK(keys(toml.document.root) == std::vector<std::string>{"zeta", "alpha", "mid"});
}

TEST_CASE("toml_reader: tables keep the order in which tomllib creates their keys") {
  // tomllib: {'z': 0, 'a': {'b': {'x': 1}, 'y': 2}, 'c': {'k': 1}, 'd': {'q': {'w': 1, 'v': 3}, 'e': 2}}
  const ParsedToml toml("z = 0\n[a.b]\nx = 1\n[c]\nk = 1\n[a]\ny = 2\n[d]\nq.w = 1\ne = 2\nq.v = 3\n");
  CHECK(keys(toml.document.root) == std::vector<std::string>{"z", "a", "c", "d"});
  CHECK(keys(toml.at({"a"})) == std::vector<std::string>{"b", "y"});
  CHECK(keys(toml.at({"d"})) == std::vector<std::string>{"q", "e"});
  CHECK(keys(toml.at({"d", "q"})) == std::vector<std::string>{"w", "v"});
}

TEST_CASE("toml_reader: inline tables and arrays of tables keep document order") {
  const ParsedToml toml("t = {b = 1, a = 2}\n[[arr]]\nn = 1\n[[arr]]\nn = 2\nm = 1\n");
  CHECK(keys(toml.at({"t"})) == std::vector<std::string>{"b", "a"});
  const auto& arr = toml.at({"arr"});
  REQUIRE(arr.items.size() == 2);
  CHECK(keys(arr.items[1]) == std::vector<std::string>{"n", "m"});
}

// --- spans -----------------------------------------------------------------------------

TEST_CASE("toml_reader: value spans cover the value as written, quotes included") {
  const ParsedToml toml(
      "[tool.pytest.ini_options]\naddopts = [\"-q\", '-x']\nm = \"\"\"\nab\"\"\"\nf = 1.5\nt = {b = 1}\n");
  const auto& addopts = toml.at({"tool", "pytest", "ini_options", "addopts"});
  CHECK(toml.source.slice(addopts.span) == "[\"-q\", '-x']");
  REQUIRE(addopts.items.size() == 2);
  CHECK(toml.source.slice(addopts.items[0].span) == "\"-q\"");
  CHECK(toml.source.slice(addopts.items[1].span) == "'-x'");
  CHECK(toml.source.slice(toml.at({"tool", "pytest", "ini_options", "m"}).span) == "\"\"\"\nab\"\"\"");
  CHECK(toml.source.slice(toml.at({"tool", "pytest", "ini_options", "f"}).span) == "1.5");
  CHECK(toml.source.slice(toml.at({"tool", "pytest", "ini_options", "t"}).span) == "{b = 1}");
  CHECK(toml.source.slice(toml.at({"tool", "pytest", "ini_options", "t", "b"}).span) == "1");
}

TEST_CASE("toml_reader: spans count bytes after multi-byte text") {
  const ParsedToml toml("k = \"ü€\"\nn = 7\n");
  CHECK(toml.source.slice(toml.at({"k"}).span) == "\"ü€\"");
  CHECK(toml.source.slice(toml.at({"n"}).span) == "7");
}

TEST_CASE("toml_reader: the root spans the whole file") {
  const ParsedToml toml("a = 1\n");
  CHECK(toml.document.root.span == paralint::Span{0, 6});
}

// --- scalar conversion -----------------------------------------------------------------

TEST_CASE("toml_reader: strings, integers, floats and booleans convert to their kinds") {
  const ParsedToml toml("s = 'x\\n'\nb = \"a\\tb\"\ni = -42\nh = 0xff\nf = 6.5e-1\nt = true\nn = nan\nin = -inf\n");
  CHECK(toml.at({"s"}).kind == Value::Kind::String);
  CHECK(toml.at({"s"}).string == "x\\n");
  CHECK(toml.at({"b"}).string == "a\tb");
  CHECK(toml.at({"i"}).kind == Value::Kind::Integer);
  CHECK(toml.at({"i"}).integer == -42);
  CHECK(toml.at({"h"}).integer == 255);
  CHECK(toml.at({"f"}).kind == Value::Kind::Float);
  CHECK(toml.at({"f"}).floating == doctest::Approx(0.65));
  CHECK(toml.at({"t"}).kind == Value::Kind::Boolean);
  CHECK(toml.at({"t"}).boolean);
  CHECK(std::isnan(toml.at({"n"}).floating));
  CHECK(std::isinf(toml.at({"in"}).floating));
  CHECK(toml.at({"in"}).floating < 0);
}

TEST_CASE("toml_reader: an offset date-time keeps all parts and its offset in minutes") {
  const ParsedToml toml("d = 1979-05-27T07:32:01+05:30\nz = 1979-05-27 07:32:00Z\nneg = 1979-05-27T00:32:00-07:00\n");
  const auto& d = toml.at({"d"}).datetime;
  CHECK(toml.at({"d"}).kind == Value::Kind::DateTime);
  CHECK(d.year == 1979);
  CHECK(d.month == 5);
  CHECK(d.day == 27);
  CHECK(d.hour == 7);
  CHECK(d.minute == 32);
  CHECK(d.second == 1);
  CHECK(d.microsecond == 0);
  CHECK(d.offset_minutes == 330);
  CHECK(toml.at({"z"}).datetime.offset_minutes == 0);
  CHECK(toml.at({"neg"}).datetime.offset_minutes == -420);
}

TEST_CASE("toml_reader: a local date-time has no offset") {
  const ParsedToml toml("d = 1979-05-27T07:32:00.5\n");
  const auto& d = toml.at({"d"}).datetime;
  CHECK(d.year == 1979);
  CHECK(d.hour == 7);
  CHECK(d.microsecond == 500000);
  CHECK_FALSE(d.offset_minutes.has_value());
}

TEST_CASE("toml_reader: a local date has no time and a local time has no date") {
  const ParsedToml toml("d = 1979-05-27\nt = 07:32:00\n");
  const auto& d = toml.at({"d"}).datetime;
  CHECK(d.year == 1979);
  CHECK(d.day == 27);
  CHECK_FALSE(d.hour.has_value());
  const auto& t = toml.at({"t"}).datetime;
  CHECK_FALSE(t.year.has_value());
  CHECK(t.hour == 7);
  CHECK(t.minute == 32);
  CHECK(t.second == 0);
}

TEST_CASE("toml_reader: fractions beyond microseconds are truncated, as tomllib does") {
  // tomllib: datetime.time(7, 32, 0, 999999) and microsecond 123456
  const ParsedToml toml("t = 07:32:00.999999999\nd = 1979-05-27T07:32:00.1234567-07:30\n");
  CHECK(toml.at({"t"}).datetime.microsecond == 999999);
  CHECK(toml.at({"d"}).datetime.microsecond == 123456);
  CHECK(toml.at({"d"}).datetime.offset_minutes == -450);
}

TEST_CASE("toml_reader: arrays and tables convert recursively") {
  const ParsedToml toml("a = [1, \"x\", [true], {k = 2.5}]\n");
  const auto& a = toml.at({"a"});
  CHECK(a.kind == Value::Kind::Array);
  REQUIRE(a.items.size() == 4);
  CHECK(a.items[0].integer == 1);
  CHECK(a.items[1].string == "x");
  CHECK(a.items[2].items.at(0).boolean);
  CHECK(a.items[3].kind == Value::Kind::Table);
  CHECK(a.items[3].find("k")->floating == 2.5);
}

TEST_CASE("toml_reader: integers beyond 64 bits keep their decimal digits, as tomllib's int does") {
  // tomllib: 18446744073709551616, -9223372036854775809, 295147905179352825855, 10**21
  const ParsedToml toml(
      "a = 18446744073709551616\nb = -9223372036854775809\nc = 0xFFFF_FFFF_FFFF_FFFF_F\n"
      "d = [1, 1_000_000_000_000_000_000_000]\ne = {x = +99999999999999999999}\n");
  CHECK(toml.at({"a"}).kind == Value::Kind::Integer);
  CHECK(toml.at({"a"}).big_integer == "18446744073709551616");
  CHECK(toml.at({"b"}).big_integer == "-9223372036854775809");
  CHECK(toml.at({"c"}).big_integer == "295147905179352825855");
  CHECK(toml.at({"d"}).items.at(1).big_integer == "1000000000000000000000");
  CHECK(toml.at({"e", "x"}).big_integer == "99999999999999999999");
  CHECK(toml.source.slice(toml.at({"c"}).span) == "0xFFFF_FFFF_FFFF_FFFF_F");
  CHECK(keys(toml.document.root) == std::vector<std::string>{"a", "b", "c", "d", "e"});
}

TEST_CASE("toml_reader: big literals that are not TOML integers stay parse errors") {
  // tomllib rejects each: a sign on hex, leading zeros, doubled or trailing underscores, 0X.
  for (const auto* text : {"a = -0xFFFFFFFFFFFFFFFFFF\n", "a = 018446744073709551616\n", "a = 1__8446744073709551616\n",
                           "a = 18446744073709551616_\n", "a = 0XFFFFFFFFFFFFFFFFFF\n", "a = 0b\n"}) {
    CAPTURE(text);
    const SourceText source("test.toml", text);
    CHECK(paralint::read_toml(source).error);
  }
  const ParsedToml toml("o = 0o7_7777777777777777777777\nb = 0b1_0000000000000000000000000000000000000000000000000000000000000000\n");
  CHECK(toml.at({"o"}).big_integer == "590295810358705651711");
  CHECK(toml.at({"b"}).big_integer == "18446744073709551616");
}

TEST_CASE("toml_reader: the 64-bit limits themselves are ordinary integers") {
  const ParsedToml toml("max = 9223372036854775807\nmin = -9223372036854775808\n");
  CHECK(toml.at({"max"}).integer == 9223372036854775807);
  CHECK(toml.at({"max"}).big_integer.empty());
  CHECK(toml.at({"min"}).integer == -9223372036854775807 - 1);
  CHECK(toml.at({"min"}).big_integer.empty());
}

TEST_CASE("toml_reader: a string that looks like a big integer stays a string") {
  const ParsedToml toml("s = \"18446744073709551616\"\n");
  CHECK(toml.at({"s"}).kind == Value::Kind::String);
  CHECK(toml.at({"s"}).string == "18446744073709551616");
}

// --- what tomllib refuses ----------------------------------------------------------------

TEST_CASE("toml_reader: a byte order mark is an invalid statement on line 1") {
  const ParsedToml toml(
      "\xEF\xBB\xBF"
      "a = 1\n");
  REQUIRE(toml.document.error);
  CHECK(toml.document.error->line == 1);
  CHECK(toml.document.error->column == 1);
  CHECK(toml.document.error->message == "Invalid statement");
}

TEST_CASE("toml_reader: invalid UTF-8 is a decode error on its line") {
  const ParsedToml toml("a = 1\nb = \"\xFF\"\n");
  REQUIRE(toml.document.error);
  CHECK(toml.document.error->line == 2);
  CHECK(toml.document.error->message == "'utf-8' codec can't decode byte 0xff in position 11: invalid start byte");
}

TEST_CASE("toml_reader: CRLF and a lone CR are newlines, as after Path.read_text()") {
  const ParsedToml toml("a = 1\r\nb = \"x\"\rc = 2\r\n");
  CHECK(toml.at({"a"}).integer == 1);
  CHECK(toml.at({"b"}).string == "x");
  CHECK(toml.at({"c"}).integer == 2);
  // spans index the original bytes
  CHECK(toml.source.slice(toml.at({"c"}).span) == "2");
  CHECK(toml.source.slice(toml.at({"b"}).span) == "\"x\"");
}

TEST_CASE("toml_reader: a CRLF inside a multi-line string reads as LF") {
  const ParsedToml toml("m = \"\"\"\r\nab\r\ncd\"\"\"\r\n");
  CHECK(toml.at({"m"}).string == "ab\ncd");
}

TEST_CASE("toml_reader: 100 nested arrays are fine") {
  const ParsedToml toml(nested_arrays(100));
  CHECK_FALSE(toml.document.error);
}

TEST_CASE("toml_reader: 600 nested arrays exceed tomllib's recursion limit") {
  const ParsedToml toml(nested_arrays(600));
  REQUIRE(toml.document.error);
  CHECK(toml.document.error->line == 1);
  CHECK(toml.document.error->column > 4);
  CHECK(toml.document.error->message.starts_with("maximum recursion depth exceeded"));
}

TEST_CASE("toml_reader: inline tables cost more recursion than arrays") {
  // tomllib: 300 nested arrays load, 350 nested inline tables raise RecursionError
  std::string tables = "a = ";
  for (int i = 0; i < 350; ++i) tables += "{b = ";
  tables += "1" + std::string(350, '}') + "\n";
  CHECK(ParsedToml(tables).document.error.has_value());
  CHECK_FALSE(ParsedToml(nested_arrays(300)).document.error.has_value());
}

TEST_CASE("toml_reader: brackets inside strings and comments do not count as nesting") {
  const std::string brackets(700, '[');
  const ParsedToml toml("s = \"" + brackets + "\"\n# " + brackets + "\nl = '''" + brackets + "'''\n");
  CHECK_FALSE(toml.document.error);
  CHECK(toml.at({"s"}).string == brackets);
}

TEST_CASE("toml_reader: syntax errors carry line and column") {
  const ParsedToml value("a = 1\nb = -q\n");
  REQUIRE(value.document.error);
  CHECK(value.document.error->line == 2);
  CHECK(value.document.error->column == 5);
  CHECK_FALSE(value.document.error->message.empty());

  const ParsedToml duplicate("a = 1\na = 2\n");
  REQUIRE(duplicate.document.error);
  CHECK(duplicate.document.error->line == 2);
}

TEST_CASE("toml_reader: non-ASCII text after a line-ending backslash is kept, not whitespace") {
  // Only space, tab and line breaks are skipped after the backslash (toml++ 3.3.0, the reader
  // before this one, crashed on U+00A1..U+0499 and U+FB26..U+FF1F here: its issues #190, #295).
  CHECK(ParsedToml("s = \"\"\"\\\n\u00a7\"\"\"\n").at({"s"}).string == "\u00a7");
  CHECK(ParsedToml("s = \"\"\"\\\n  \uff01x\"\"\"\n").at({"s"}).string == "\uff01x");
  // Outside strings it is a syntax error, as in tomllib, found by the fuzzer.
  const ParsedToml cyrillic("ts =0[\"\u040f\"]l\"]\n");
  REQUIRE(cyrillic.document.error);
  CHECK(cyrillic.document.error->line == 1);
  const ParsedToml latin("a = 1 \u00e9\n");
  REQUIRE(latin.document.error);
  CHECK(latin.document.error->line == 1);
}

std::string dotted_key(std::size_t parts) {
  std::string key = "k";
  for (std::size_t part = 1; part < parts; ++part) key += ".k";
  return key;
}

TEST_CASE("toml_reader: keys nested to the reader's limit read; one level more is refused, not a crash") {
  // Dotted keys and table headers nest without recursion in tomllib (and without limit,
  // but with memory that grows with the square of the depth); the Value tree
  // recurse per level, so the reader stops at kKeyNestingLimit.
  const ParsedToml at_limit(dotted_key(paralint::kKeyNestingLimit) + " = 1\n");
  CHECK_FALSE(at_limit.document.error);
  const ParsedToml beyond(dotted_key(paralint::kKeyNestingLimit + 1) + " = 1\n");
  REQUIRE(beyond.document.error);
  CHECK(beyond.document.error->line == 1);
  CHECK(beyond.document.error->beyond_reader_limit);

  // Header parts, dotted keys, inline tables and arrays add up.
  const auto half = paralint::kKeyNestingLimit / 2;
  CHECK(ParsedToml("[" + dotted_key(half) + "]\n" + dotted_key(half) + " = 1\n").document.error == std::nullopt);
  const ParsedToml header_and_key("[" + dotted_key(half) + "]\n" + dotted_key(half) + " = [1]\n");
  CHECK_FALSE(header_and_key.document.error);
  const ParsedToml header_key_array("[" + dotted_key(half) + "]\n" + dotted_key(half) + " = [[1]]\n");
  REQUIRE(header_key_array.document.error);
  CHECK(header_key_array.document.error->line == 2);
  const ParsedToml inline_tables("[" + dotted_key(half) + "]\nx = {" + dotted_key(half) + " = 1}\n");
  REQUIRE(inline_tables.document.error);
  CHECK(inline_tables.document.error->beyond_reader_limit);

  // Dots inside strings, quoted keys, floats and times are not key separators.
  const ParsedToml not_keys("\"a.b.c\" = 1.5\nt = 07:32:00.999\ns = 'x.y'\n[\"q.r\".s]\n");
  CHECK_FALSE(not_keys.document.error);
  CHECK(not_keys.at({"q.r", "s"}).kind == Value::Kind::Table);
}

TEST_CASE("toml_reader: tomllib's recursion limit is pytest's error, not the reader's") {
  const ParsedToml arrays(nested_arrays(600));
  REQUIRE(arrays.document.error);
  CHECK_FALSE(arrays.document.error->beyond_reader_limit);
}

TEST_CASE("toml_reader: an empty file is an empty table") {
  const ParsedToml toml("");
  CHECK_FALSE(toml.document.error);
  CHECK(toml.document.root.kind == Value::Kind::Table);
  CHECK(toml.document.root.entries.empty());
}

TEST_CASE("toml_reader: nesting_frames weighs tomllib's deepest recursion") {
  // 2 frames per array level, 3 per inline-table level, measured where the nesting is deepest.
  CHECK(ParsedToml("a = 1\n").document.nesting_frames == 0);
  CHECK(ParsedToml("a = [[1], [[2]]]\nb = [3]\n").document.nesting_frames == 6);
  CHECK(ParsedToml("a = {b = {c = 1}}\n").document.nesting_frames == 6);
  const ParsedToml pair("a = [{b = 1}]\nc = [2]\n");
  CHECK(pair.document.nesting_frames == 5);
  CHECK(pair.document.deepest_nesting_at == 5);
  // Table headers and dotted keys are not parsed recursively; strings and comments are text.
  CHECK(ParsedToml("[a.b.c.d]\ne.f.g = 1\ns = \"[[[\"  # {{{\n").document.nesting_frames == 0);
  const ParsedToml arrays(nested_arrays(300));
  CHECK_FALSE(arrays.document.error);
  CHECK(arrays.document.nesting_frames == 600);
}

TEST_CASE("toml_reader: floats beyond a double's range read as tomllib reads them, not as errors") {
  // tomllib: inf, -inf, 0.0, -0.0, 1e-310 (subnormal), inf, inf, inf
  const ParsedToml toml(
      "a = 1e400\nb = -1e400\nc = 1e-400\nd = -1e-400\ne = 1e-310\nf = [1_0e4_00, 1.5e309]\ng = {x = +1e+400}\n");
  CHECK(toml.at({"a"}).kind == Value::Kind::Float);
  CHECK(std::isinf(toml.at({"a"}).floating));
  CHECK(toml.at({"a"}).floating > 0);
  CHECK(std::isinf(toml.at({"b"}).floating));
  CHECK(toml.at({"b"}).floating < 0);
  CHECK(toml.at({"c"}).floating == 0.0);
  CHECK_FALSE(std::signbit(toml.at({"c"}).floating));
  CHECK(std::signbit(toml.at({"d"}).floating));
  CHECK(toml.at({"e"}).floating == 1e-310);
  CHECK(std::isinf(toml.at({"f"}).items.at(0).floating));
  CHECK(std::isinf(toml.at({"f"}).items.at(1).floating));
  CHECK(std::isinf(toml.at({"g", "x"}).floating));
  CHECK(toml.source.slice(toml.at({"f"}).items.at(0).span) == "1_0e4_00");
}

TEST_CASE("toml_reader: out-of-range floats that are not TOML floats stay parse errors") {
  // tomllib rejects each: a leading zero, a trailing underscore, a dot without digits after it.
  for (const auto* text : {"a = 01e400\n", "a = 1e400_\n", "a = 1.e400\n"}) {
    CAPTURE(text);
    const SourceText source("test.toml", text);
    CHECK(paralint::read_toml(source).error);
  }
}

TEST_CASE("toml_reader: closing quotes beyond three belong to the string, escaped or not") {
  // tomllib: {'a': 'x\ty""', 'b': "lit'", 'c': 'plain"', 'kéy': 1}
  const ParsedToml toml("a = \"\"\"x\\ty\"\"\"\"\"\nb = '''lit''''\nc = \"\"\"plain\"\"\"\"\n\"k\\u00e9y\" = 1\n");
  CHECK(toml.at({"a"}).string == "x\ty\"\"");
  CHECK(toml.at({"b"}).string == "lit'");
  CHECK(toml.at({"c"}).string == "plain\"");
  CHECK(toml.at({"k\xc3\xa9y"}).integer == 1);
}

TEST_CASE("toml_reader: only_paths builds the tables on the way and the values at the paths") {
  const SourceText source("pyproject.toml",
                          "[project]\nname = \"x\"\n[tool.ruff]\nline-length = 99\n"
                          "[tool.pytest.ini_options]\naddopts = \"-ra\"\nmarkers = [\"slow\"]\n[pytest]\nx = 1\n");
  const std::array<std::string_view, 2> paths{"tool.pytest", "pytest"};
  const auto document = paralint::read_toml(source, paths);
  REQUIRE_FALSE(document.error);
  CHECK(keys(document.root) == std::vector<std::string>{"tool", "pytest"});
  CHECK(keys(*document.root.find("tool")) == std::vector<std::string>{"pytest"});
  const auto* options = document.root.find("tool")->find("pytest")->find("ini_options");
  REQUIRE(options != nullptr);
  CHECK(options->find("addopts")->string == "-ra");
  CHECK(options->find("markers")->items.at(0).string == "slow");
  CHECK(source.slice(options->find("addopts")->span) == "\"-ra\"");
}

TEST_CASE("toml_reader: only_paths still refuses the whole document as tomllib does") {
  const SourceText source("pyproject.toml", "[tool.pytest.ini_options]\naddopts = \"-ra\"\n[tool.ruff]\na = 1\na = 2\n");
  const std::array<std::string_view, 1> paths{"tool.pytest"};
  const auto document = paralint::read_toml(source, paths);
  REQUIRE(document.error);
  CHECK(document.error->line == 5);
  CHECK(document.error->message == "Cannot overwrite a value");
}

TEST_CASE("toml_reader: only_paths builds a value on the way whole when it is not a table") {
  const SourceText source("pyproject.toml", "tool = [1, 2]\n");
  const std::array<std::string_view, 1> paths{"tool.pytest"};
  const auto document = paralint::read_toml(source, paths);
  REQUIRE_FALSE(document.error);
  REQUIRE(document.root.find("tool") != nullptr);
  CHECK(document.root.find("tool")->items.size() == 2);
}

TEST_CASE("toml_reader: read_toml_once serves a part from a whole document, and the whole after a part") {
  paralint::forget_toml_read();
  const SourceText source("pyproject.toml", "[project]\nname = \"x\"\n[tool.pytest]\nminversion = \"8\"\n");
  const std::array<std::string_view, 1> paths{"tool.pytest"};
  const auto& part = paralint::read_toml_once(source, paths);
  CHECK(part.root.find("project") == nullptr);
  const auto& whole = paralint::read_toml_once(source);
  CHECK(whole.root.find("project") != nullptr);
  CHECK(&paralint::read_toml_once(source, paths) == &whole);
  paralint::forget_toml_read();
}
