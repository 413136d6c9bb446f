#include "paralint/report/fingerprint.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <memory>

using namespace paralint;

namespace {

Diagnostic diagnostic_at(const std::shared_ptr<const SourceText>& source, std::string_view text,
                         std::string code = "A001") {
  const auto begin = source->bytes().find(text);
  REQUIRE(begin != std::string_view::npos);
  Diagnostic diagnostic;
  diagnostic.code = std::move(code);
  diagnostic.location = Location::in(source, {begin, begin + text.size()});
  return diagnostic;
}

std::vector<std::string> fingerprints_of(const std::vector<Diagnostic>& diagnostics) {
  Fingerprinter fingerprinter("/project");
  std::vector<std::string> fingerprints;
  fingerprints.reserve(diagnostics.size());
  for (const auto& diagnostic : diagnostics) fingerprints.push_back(fingerprinter.next(diagnostic));
  return fingerprints;
}

}  // namespace

TEST_CASE("fnv1a_64: the published test vectors") {
  CHECK(fnv1a_64("") == 0xcbf29ce484222325ULL);
  CHECK(fnv1a_64("a") == 0xaf63dc4c8601ec8cULL);
  CHECK(fnv1a_64("foobar") == 0x85944171f73967e8ULL);
}

TEST_CASE("Fingerprinter: moving the flagged text to another line keeps the fingerprint") {
  const auto before =
      std::make_shared<const SourceText>("/project/pytest.ini", "[pytest]\naddopts = -n auto # cores\n");
  const auto after = std::make_shared<const SourceText>(
      "/project/pytest.ini", "[pytest]\n# a comment\nminversion = 7\naddopts = -n auto # cores\n");
  const auto first = fingerprints_of({diagnostic_at(before, "# cores")});
  const auto second = fingerprints_of({diagnostic_at(after, "# cores")});
  REQUIRE(first.size() == 1);
  CHECK(first == second);
  CHECK(first[0].size() == 16);
}

TEST_CASE("Fingerprinter: code, file and flagged text each make a difference") {
  const auto ini = std::make_shared<const SourceText>("/project/pytest.ini", "[pytest]\naddopts = -x # a\n");
  const auto other = std::make_shared<const SourceText>("/project/sub/pytest.ini", "[pytest]\naddopts = -x # a\n");
  const auto fingerprints = fingerprints_of({diagnostic_at(ini, "# a"), diagnostic_at(ini, "# a", "A002"),
                                             diagnostic_at(other, "# a"), diagnostic_at(ini, "-x")});
  REQUIRE(fingerprints.size() == 4);
  for (std::size_t i = 0; i < fingerprints.size(); ++i) {
    for (std::size_t j = i + 1; j < fingerprints.size(); ++j) CHECK(fingerprints[i] != fingerprints[j]);
  }
}

TEST_CASE("Fingerprinter: repeats of the same text are told apart, in order") {
  const auto ini = std::make_shared<const SourceText>("/project/pytest.ini", "[pytest]\nmarkers =\n  slow\n  slow\n");
  const auto source_first = ini->bytes().find("slow");
  const auto source_second = ini->bytes().rfind("slow");
  Diagnostic first;
  first.code = "M002";
  first.location = Location::in(ini, {source_first, source_first + 4});
  Diagnostic second = first;
  second.location = Location::in(ini, {source_second, source_second + 4});
  const auto both = fingerprints_of({first, second});
  REQUIRE(both.size() == 2);
  CHECK(both[0] != both[1]);
  CHECK(fingerprints_of({first})[0] == both[0]);  // the first keeps its fingerprint when a repeat appears
}

TEST_CASE("Fingerprinter: a diagnostic without source text hashes its code and file") {
  Diagnostic missing;
  missing.code = "D007";
  missing.location.file = "/project";
  const auto fingerprints = fingerprints_of({missing});
  REQUIRE(fingerprints.size() == 1);
  CHECK(fingerprints[0] == fmt::format("{:016x}", fnv1a_64(std::string("D007") + '\0' + "." + '\0')));
}
