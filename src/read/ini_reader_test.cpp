#include "paralint/read/ini_reader.hpp"

#include <doctest/doctest.h>

#include <string>

using paralint::IniDialect;
using paralint::IniDocument;
using paralint::SourceText;

// Expected values were checked against iniconfig 1.1.1 and 2.1.0 (and the 2.3.0/2.3.1
// reconstructions for the BOM) through /tmp/pytests/py.

namespace {

constexpr IniDialect kIniconfig1{false, false};
constexpr IniDialect kIniconfig2{true, false};
constexpr IniDialect kIniconfig231{true, true};

// utf8_decode_error's message, or "" for valid text.
std::string decode_error(std::string_view bytes) {
  std::size_t offset = 0;
  return paralint::utf8_decode_error(bytes, offset).value_or("");
}

struct ParsedIni {
  SourceText source;
  IniDocument document;

  explicit ParsedIni(std::string text, IniDialect dialect = kIniconfig2)
      : source("test.ini", std::move(text)), document(paralint::read_ini(source, dialect)) {}

  [[nodiscard]] std::string value(std::string_view section, std::string_view key) const {
    const auto* found = document.find(section);
    REQUIRE(found != nullptr);
    const auto* entry = found->find(key);
    REQUIRE(entry != nullptr);
    return entry->value;
  }
  [[nodiscard]] std::size_t error_line() const {
    REQUIRE(document.error.has_value());
    return document.error->line;
  }
  [[nodiscard]] std::string error_message() const {
    REQUIRE(document.error.has_value());
    return document.error->message;
  }
};

}  // namespace

// --- what a line is ------------------------------------------------------------------

TEST_CASE("ini_reader: comment lines are dropped, also when indented inside a value") {
  const ParsedIni ini("# top\n[pytest]\n  ; indented\naddopts = -x\n  # between\n  -q\n; last\n");
  CHECK_FALSE(ini.document.error);
  CHECK(ini.value("pytest", "addopts") == "-x\n-q");
}

TEST_CASE("ini_reader: inline comments stay in the value") {
  const ParsedIni ini("[pytest]\naddopts = -v  # verbose ; really\n");
  CHECK(ini.value("pytest", "addopts") == "-v  # verbose ; really");
}

TEST_CASE("ini_reader: '=' separates unless a ':' comes before it") {
  const ParsedIni ini("[s]\nk:v=w\nk2=v:w\nk3 : x\n");
  CHECK(ini.value("s", "k") == "v=w");
  CHECK(ini.value("s", "k2") == "v:w");
  CHECK(ini.value("s", "k3") == "x");
}

TEST_CASE("ini_reader: keys and values are stripped, keys keep their case") {
  const ParsedIni ini("[s]\n  \n Addopts\t=   -q  \t\n");
  // " Addopts" starts with a space: a continuation with nothing to continue
  CHECK(ini.error_message() == "unexpected value continuation");
  const ParsedIni ok("[s]\nAddopts\t=   -q  \t\n");
  CHECK(ok.value("s", "Addopts") == "-q");
  CHECK(ok.document.sections[0].find("addopts") == nullptr);
}

TEST_CASE("ini_reader: an empty key and an empty value are allowed") {
  const ParsedIni ini("[s]\n=v\nk =   \n");
  CHECK_FALSE(ini.document.error);
  CHECK(ini.value("s", "") == "v");
  CHECK(ini.value("s", "k").empty());
}

TEST_CASE("ini_reader: continuation lines are stripped and joined with newlines") {
  const ParsedIni ini("[pytest]\nmarkers =\n    slow: s  \n\tfast\n");
  CHECK(ini.value("pytest", "markers") == "slow: s\nfast");
}

TEST_CASE("ini_reader: an empty first value makes the first continuation the start") {
  const ParsedIni ini("[pytest]\naddopts =\n  -q\n");
  CHECK(ini.value("pytest", "addopts") == "-q");
}

TEST_CASE("ini_reader: blank lines inside a value do not end it") {
  const ParsedIni ini("[pytest]\naddopts = -x\n\n   \n  -q\n");
  CHECK(ini.value("pytest", "addopts") == "-x\n-q");
}

TEST_CASE("ini_reader: a '[' line not ending in ']' continues the value") {
  const ParsedIni ini("[pytest]\na=1\n[x ; c\n");
  CHECK(ini.value("pytest", "a") == "1\n[x ; c");
}

TEST_CASE("ini_reader: a comment after a section header is dropped") {
  const ParsedIni ini("[pytest]  # main\na=1\n[tox] ; x\n");
  CHECK_FALSE(ini.document.error);
  REQUIRE(ini.document.sections.size() == 2);
  CHECK(ini.document.sections[0].name == "pytest");
  CHECK(ini.document.sections[1].name == "tox");
}

TEST_CASE("ini_reader: CRLF and lone CR end lines") {
  const ParsedIni ini("[pytest]\r\na = 1\r\n\tb\rc=2\r");
  CHECK_FALSE(ini.document.error);
  CHECK(ini.value("pytest", "a") == "1\nb");
  CHECK(ini.value("pytest", "c") == "2");
}

TEST_CASE("ini_reader: sections and entries keep their 1-based lines") {
  const ParsedIni ini("# c\n[pytest]\n\naddopts = -q\n");
  REQUIRE(ini.document.sections.size() == 1);
  CHECK(ini.document.sections[0].line == 2);
  CHECK(ini.document.sections[0].entries[0].line == 4);
}

// --- errors --------------------------------------------------------------------------

TEST_CASE("ini_reader: unexpected line quotes the rstripped line with repr()") {
  const ParsedIni ini("[pytest]\nthis is junk   \n");
  CHECK(ini.error_line() == 2);
  CHECK(ini.error_message() == "unexpected line: 'this is junk'");
  const ParsedIni quoted("[pytest]\nit's junk\n");
  CHECK(quoted.error_message() == "unexpected line: \"it's junk\"");
}

TEST_CASE("ini_reader: a continuation before any key is an error") {
  const ParsedIni first("  cont\n[pytest]\n");
  CHECK(first.error_line() == 1);
  CHECK(first.error_message() == "unexpected value continuation");
  const ParsedIni after_section("[pytest]\n  cont\n");
  CHECK(after_section.error_line() == 2);
  CHECK(after_section.error_message() == "unexpected value continuation");
}

TEST_CASE("ini_reader: a key before any section is an error") {
  const ParsedIni ini("# c\na = 1\n[pytest]\n");
  CHECK(ini.error_line() == 2);
  CHECK(ini.error_message() == "no section header defined");
}

TEST_CASE("ini_reader: a duplicate key is an error, not last-wins") {
  const ParsedIni ini("[pytest]\naddopts=1\naddopts=2\n");
  CHECK(ini.error_line() == 3);
  CHECK(ini.error_message() == "duplicate name 'addopts'");
  CHECK(ini.document.sections.empty() == false);
}

TEST_CASE("ini_reader: the same key in different sections is fine") {
  const ParsedIni ini("[a]\nk=1\n[b]\nk=2\n");
  CHECK_FALSE(ini.document.error);
  CHECK(ini.value("a", "k") == "1");
  CHECK(ini.value("b", "k") == "2");
}

TEST_CASE("ini_reader: a duplicate section is an error") {
  const ParsedIni ini("[pytest]\n[x]\n[pytest]\n");
  CHECK(ini.error_line() == 3);
  CHECK(ini.error_message() == "duplicate section 'pytest'");
}

TEST_CASE("ini_reader: an empty section name is an error, a blank one is not") {
  const ParsedIni empty("[pytest]\n[]\n");
  CHECK(empty.error_line() == 2);
  CHECK(empty.error_message() == "empty section name");
  const ParsedIni blank("[ ]\n");
  CHECK_FALSE(blank.document.error);
  CHECK(blank.document.sections[0].name == " ");
}

TEST_CASE("ini_reader: a line error later in the file wins over an earlier duplicate") {
  // iniconfig classifies every line before it looks for duplicates.
  const ParsedIni name("[pytest]\na=1\na=2\njunk\n");
  CHECK(name.error_line() == 4);
  CHECK(name.error_message() == "unexpected line: 'junk'");
  const ParsedIni section("[pytest]\na=1\n[pytest]\n  \tjunk\n");
  CHECK(section.error_line() == 4);
  CHECK(section.error_message() == "unexpected value continuation");
}

TEST_CASE("ini_reader: of two duplicate errors the earlier one wins") {
  const ParsedIni ini("[pytest]\na=1\na=2\n[pytest]\n");
  CHECK(ini.error_line() == 3);
  CHECK(ini.error_message() == "duplicate name 'a'");
}

TEST_CASE("ini_reader: invalid UTF-8 is a decode error") {
  const ParsedIni ini("[pytest]\nx = \xFF\n");
  CHECK(ini.error_message() == "'utf-8' codec can't decode byte 0xff in position 13: invalid start byte");
  CHECK(ini.error_line() == 2);
}

TEST_CASE("ini_reader: utf8_decode_error words single-byte failures as Python does") {
  CHECK(decode_error("ok ü").empty());
  CHECK(decode_error("ab\xC0\x80") == "'utf-8' codec can't decode byte 0xc0 in position 2: invalid start byte");
  CHECK(decode_error("\xED\xA0\x80") ==
        "'utf-8' codec can't decode byte 0xed in position 0: invalid continuation byte");
  CHECK(decode_error("\xF4\x90\x80\x80") ==
        "'utf-8' codec can't decode byte 0xf4 in position 0: invalid continuation byte");
  CHECK(decode_error("\xF5\x80") == "'utf-8' codec can't decode byte 0xf5 in position 0: invalid start byte");
  CHECK(decode_error("ok\n\n\xFF") == "'utf-8' codec can't decode byte 0xff in position 4: invalid start byte");
  std::size_t offset = 0;
  CHECK(paralint::utf8_decode_error("ab\x80", offset).has_value());
  CHECK(offset == 2);
}

// Checked with Python 3.11's bytes.decode().
TEST_CASE("ini_reader: utf8_decode_error names the byte range of a started sequence") {
  CHECK(decode_error("x\xE2\x82") == "'utf-8' codec can't decode bytes in position 1-2: unexpected end of data");
  CHECK(decode_error("\xE2\x82x") == "'utf-8' codec can't decode bytes in position 0-1: invalid continuation byte");
  CHECK(decode_error("\xF0\x9F\x98") == "'utf-8' codec can't decode bytes in position 0-2: unexpected end of data");
  CHECK(decode_error("\xE6\x97\\x") == "'utf-8' codec can't decode bytes in position 0-1: invalid continuation byte");
  CHECK(decode_error("\xF0\x90\x80x") == "'utf-8' codec can't decode bytes in position 0-2: invalid continuation byte");
  CHECK(decode_error("\xF0\x90x") == "'utf-8' codec can't decode bytes in position 0-1: invalid continuation byte");
  CHECK(decode_error("\xC3") == "'utf-8' codec can't decode byte 0xc3 in position 0: unexpected end of data");
}

// A truncated sequence whose second byte is already out of its lead's range is not "unexpected
// end of data" (Python 3.11).
TEST_CASE("ini_reader: utf8_decode_error at end of data checks the allowed second byte") {
  CHECK(decode_error("\xED\xA0") == "'utf-8' codec can't decode byte 0xed in position 0: invalid continuation byte");
  CHECK(decode_error("\xE0\x80") == "'utf-8' codec can't decode byte 0xe0 in position 0: invalid continuation byte");
  CHECK(decode_error("\xF4\x90") == "'utf-8' codec can't decode byte 0xf4 in position 0: invalid continuation byte");
}

// --- dialects ------------------------------------------------------------------------

TEST_CASE("ini_reader: iniconfig 1.x keeps a form feed inside the value") {
  const ParsedIni ini("[pytest]\naddopts = -q\f-v\n", kIniconfig1);
  CHECK(ini.value("pytest", "addopts") == "-q\f-v");
}

TEST_CASE("ini_reader: iniconfig 2.x ends the line at a form feed") {
  const ParsedIni ini("[pytest]\naddopts = -q\f-v\n", kIniconfig2);
  CHECK(ini.error_line() == 3);
  CHECK(ini.error_message() == "unexpected line: '-v'");
}

TEST_CASE("ini_reader: U+2028 is text for iniconfig 1.x and a line break for 2.x") {
  const ParsedIni one("[pytest]\naddopts = -q\u2028-v\n", kIniconfig1);
  CHECK(one.value("pytest", "addopts") == "-q\u2028-v");
  const ParsedIni two("[pytest]\naddopts = -q\u2028-v\n", kIniconfig2);
  CHECK(two.error_line() == 3);
  CHECK(two.error_message() == "unexpected line: '-v'");
}

TEST_CASE("ini_reader: splitlines breaks count as lines for later line numbers") {
  // \x1c, \x85 and U+2029 each end a line; the empty lines between are blank
  const ParsedIni ini("[pytest]\na = x\n\x1c  y\xC2\x85z\n", kIniconfig2);
  CHECK(ini.error_line() == 5);
  CHECK(ini.error_message() == "unexpected line: 'z'");
  const ParsedIni paragraph("[pytest]\na = x\u2029\n  y\n", kIniconfig2);
  CHECK(paragraph.value("pytest", "a") == "x\ny");
}

TEST_CASE("ini_reader: iniconfig 1.x strips \\x1c at the end of a value as whitespace") {
  const ParsedIni ini("[pytest]\na = x\x1c\n", kIniconfig1);
  CHECK(ini.value("pytest", "a") == "x");
  const ParsedIni inside("[pytest]\na = x\x1cy\n", kIniconfig1);
  CHECK(inside.value("pytest", "a") == "x\x1cy");
}

TEST_CASE("ini_reader: a BOM is text unless the dialect strips it") {
  const ParsedIni kept("\xEF\xBB\xBF[pytest]\na=1\n", kIniconfig2);
  CHECK(kept.error_line() == 1);
  CHECK(kept.error_message() == R"(unexpected line: '\ufeff[pytest]')");

  const ParsedIni stripped("\xEF\xBB\xBF[pytest]\na=1\n", kIniconfig231);
  CHECK_FALSE(stripped.document.error);
  CHECK(stripped.value("pytest", "a") == "1");
  // spans still index the original bytes, BOM included
  const auto& entry = stripped.document.sections[0].entries[0];
  CHECK(entry.key_span.begin == 12);
  CHECK(stripped.source.slice(entry.key_span) == "a");
  CHECK(stripped.source.slice(stripped.document.sections[0].header_span) == "pytest");
}

TEST_CASE("ini_reader: only one leading BOM is stripped, and only at the start") {
  const ParsedIni twice("\xEF\xBB\xBF\xEF\xBB\xBF[pytest]\n", kIniconfig231);
  CHECK(twice.error_message() == R"(unexpected line: '\ufeff[pytest]')");
  const ParsedIni inside(
      "[pytest]\na=\xEF\xBB\xBF"
      "1\n",
      kIniconfig231);
  CHECK(inside.value("pytest", "a") ==
        "\xEF\xBB\xBF"
        "1");
}

// --- spans ---------------------------------------------------------------------------

TEST_CASE("ini_reader: key, header and piece spans slice to the exact bytes") {
  const ParsedIni ini("[pytest]  # c\r\n  addopts_x = 1\r\naddopts =  -v  # verbose \r\n\t-x\r\n\r\n    -q\r\n",
                   kIniconfig2);
  CHECK(ini.error_message() == "unexpected value continuation");

  const ParsedIni ok("[pytest]  # c\r\naddopts =  -v  # verbose \r\n\t-x\r\n\r\n    -q\r\n", kIniconfig2);
  REQUIRE_FALSE(ok.document.error);
  const auto& section = ok.document.sections[0];
  CHECK(ok.source.slice(section.header_span) == "pytest");
  const auto& entry = section.entries[0];
  CHECK(ok.source.slice(entry.key_span) == "addopts");
  CHECK(entry.value == "-v  # verbose\n-x\n-q");
  REQUIRE(entry.pieces.size() == 3);
  CHECK(entry.pieces[0].value_offset == 0);
  CHECK(ok.source.slice(entry.pieces[0].source) == "-v  # verbose");
  CHECK(entry.pieces[1].value_offset == 14);
  CHECK(ok.source.slice(entry.pieces[1].source) == "-x");
  CHECK(entry.pieces[2].value_offset == 17);
  CHECK(ok.source.slice(entry.pieces[2].source) == "-q");
  CHECK(ok.source.slice(entry.span) == "addopts =  -v  # verbose \r\n\t-x\r\n\r\n    -q");
}

TEST_CASE("ini_reader: an empty first value has no piece") {
  const ParsedIni ini("[pytest]\nmarkers =\n  slow\n");
  const auto& entry = ini.document.sections[0].entries[0];
  REQUIRE(entry.pieces.size() == 1);
  CHECK(entry.pieces[0].value_offset == 0);
  CHECK(ini.source.slice(entry.pieces[0].source) == "slow");
}

TEST_CASE("ini_reader: source_offset maps value offsets back into the file") {
  const ParsedIni ini("[pytest]\naddopts = -v -k x\n    -q\n");
  const auto& entry = ini.document.sections[0].entries[0];
  const auto file = ini.source.bytes();
  REQUIRE(entry.value == "-v -k x\n-q");
  for (std::size_t offset = 0; offset < entry.value.size(); ++offset) {
    if (entry.value[offset] == '\n') continue;
    CAPTURE(offset);
    CHECK(file[paralint::source_offset(entry.pieces, offset)] == entry.value[offset]);
  }
  // the joining "\n" maps to the end of the piece before it; the end maps to the end
  CHECK(paralint::source_offset(entry.pieces, 7) == entry.pieces[0].source.end);
  CHECK(paralint::source_offset(entry.pieces, entry.value.size()) == entry.pieces[1].source.end);
  CHECK(paralint::source_offset({}, 5) == 0);
}

TEST_CASE("ini_reader: spans count bytes across multi-byte text") {
  const ParsedIni ini("[pytëst]\nkéy = välue ✓\n");
  const auto& section = ini.document.sections[0];
  CHECK(section.name == "pytëst");
  CHECK(ini.source.slice(section.entries[0].key_span) == "kéy");
  CHECK(ini.source.slice(section.entries[0].pieces[0].source) == "välue ✓");
}
