#include "scan/python_code.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using paralint::python::for_each_identifier;
using paralint::python::mask_python;

namespace {

std::vector<std::size_t> offsets(std::string_view code, std::string_view word) {
  std::vector<std::size_t> out;
  for_each_identifier(code, word, [&](std::size_t at) { out.push_back(at); });
  return out;
}

}  // namespace

TEST_CASE("python code: whole identifiers, found from their rarest letter, in order") {
  CHECK(offsets("mark", "mark") == std::vector<std::size_t>{0});
  CHECK(offsets("x.mark.y mark", "mark") == std::vector<std::size_t>{2, 9});
  CHECK(offsets("marks remark mark_ _mark marker", "mark").empty());
  CHECK(offsets("add_marker(add_marker)", "add_marker") == std::vector<std::size_t>{0, 11});
  CHECK(offsets("kk", "kkk").empty());               // longer than the code
  CHECK(offsets("name=name.names", "name") == std::vector<std::size_t>{0, 5});
  CHECK(offsets("pytest\npytest", "pytest") == std::vector<std::size_t>{0, 7});  // at the very end
  CHECK(offsets("ükeywords keywords", "keywords") == std::vector<std::size_t>{11});  // non-ASCII continues a name
}

TEST_CASE("python code: masking keeps code, blanks comments and string contents, keeps prefixes") {
  const auto masked = mask_python("x = rb'a#b'  # c \"d\"\nf\"\"\"e\n'f'\"\"\" + u'g'\n");
  CHECK(masked.code == "x = rb'   '         \nf\"\"\" \n   \"\"\" + u' '\n");
  REQUIRE(masked.literals.size() == 3);
  CHECK(masked.literals[0].begin == 4);
  CHECK(masked.literals[0].raw);
  CHECK(masked.literals[1].formatted);
  CHECK(masked.value_of(masked.literals[2]) == "g");
}

TEST_CASE("python code: strings that end early, late, or never") {
  // Unterminated on its line: Python refuses the file; the string ends at the line break.
  auto masked = mask_python("x = 'abc\ny = 1\n");
  REQUIRE(masked.literals.size() == 1);
  CHECK(masked.literals[0].end == 8);
  CHECK(masked.code == "x = '   \ny = 1\n");
  // An escaped quote and an escaped line break stay inside; a triple string spans lines.
  masked = mask_python("a = 'it\\'s \\\n more' + \"\"\"x\n\"\" y\"\"\"\n");
  REQUIRE(masked.literals.size() == 2);
  CHECK(masked.value_of(masked.literals[0]) == "it's  more");
  CHECK(masked.value_of(masked.literals[1]) == "x\n\"\" y");
  // A backslash as the last byte, and a triple string never closed: both run to the end.
  masked = mask_python("s = '\\");
  REQUIRE(masked.literals.size() == 1);
  CHECK(masked.literals[0].end == 6);
  masked = mask_python("d = \"\"\"never closed # not a comment\nmark");
  REQUIRE(masked.literals.size() == 1);
  CHECK(masked.code.find("mark") == std::string::npos);
  // Long runs of code between quotes (the eight-bytes-at-a-time path), and a quote at each offset.
  for (std::size_t pad = 0; pad < 20; ++pad) {
    const auto source = std::string(pad, 'x') + "'q' # c\n";
    const auto result = mask_python(source);
    REQUIRE(result.literals.size() == 1);
    CHECK(result.literals[0].begin == pad);
    CHECK(result.code == std::string(pad, 'x') + "' '    \n");
  }
}
