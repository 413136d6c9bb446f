#include "paralint/fix/edits.hpp"

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

using namespace paralint;

namespace {

std::shared_ptr<const SourceText> source_of(std::string text) {
  return std::make_shared<const SourceText>("/p/pytest.ini", std::move(text));
}

Fix fix_of(std::vector<Edit> edits) {
  Fix fix;
  fix.edits = std::move(edits);
  return fix;
}

std::string applied(const ChosenFixes& chosen) {
  REQUIRE(chosen.files.size() == 1);
  const auto& file = chosen.files.begin()->second;
  return apply_edits(file.source->bytes(), file.edits);
}

}  // namespace

TEST_CASE("edits: every byte outside an edit is kept: CRLF, BOM, tabs, no final line break") {
  const auto source = source_of("\xEF\xBB\xBF[pytest]\r\naddopts = -q  # quiet\r\n\t-x");
  const auto comment = source->bytes().find("  # quiet");
  const auto fix = fix_of({{source, {comment, comment + 9}, ""}});
  const auto chosen = choose_fixes({&fix});
  CHECK(chosen.applied == 1);
  CHECK(applied(chosen) == "\xEF\xBB\xBF[pytest]\r\naddopts = -q\r\n\t-x");
}

TEST_CASE("edits: a fix meeting one already taken waits for the next pass, whole") {
  const auto source = source_of("abcdef");
  const auto first = fix_of({{source, {1, 3}, "X"}});
  const auto overlapping = fix_of({{source, {5, 6}, "Z"}, {source, {2, 4}, "Y"}});
  const auto touching = fix_of({{source, {3, 3}, "+"}});  // an insertion where the first ends
  const auto apart = fix_of({{source, {4, 5}, "E"}});
  const auto chosen = choose_fixes({&first, &overlapping, &touching, &apart});
  CHECK(chosen.applied == 2);
  CHECK(chosen.deferred == 2);
  CHECK(applied(chosen) == "aXdEf");  // nothing of the deferred fix, not even its other edit
}

TEST_CASE("edits: a fix's own insertion and deletion at one offset keep their order") {
  const auto source = source_of("[pytest]\naddopts = -q # c\n");
  const auto line = source->bytes().find("addopts");
  const auto cut = source->bytes().find(" # c");
  const auto fix = fix_of({{source, {line, line}, "# c\n"}, {source, {cut, cut + 4}, ""}});
  CHECK(applied(choose_fixes({&fix})) == "[pytest]\n# c\naddopts = -q\n");
}

TEST_CASE("edits: a fix outside its file, overlapping itself, or from an older reading, is never applied") {
  const auto source = source_of("abc");
  const auto older = source_of("abc");
  const auto beyond = fix_of({{source, {2, 9}, ""}});
  const auto backwards = fix_of({{source, {2, 1}, ""}});
  const auto good = fix_of({{source, {0, 1}, "A"}});
  const auto stale = fix_of({{older, {2, 3}, "C"}});
  const auto empty = fix_of({});
  const auto self_overlapping = fix_of({{source, {1, 3}, "x"}, {source, {2, 3}, "y"}});
  const auto chosen = choose_fixes({&beyond, &backwards, &good, &stale, &empty, &self_overlapping});
  CHECK(chosen.applied == 1);
  CHECK(chosen.invalid == 5);
  CHECK(applied(chosen) == "Abc");
}
