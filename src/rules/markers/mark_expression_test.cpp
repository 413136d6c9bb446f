#include "rules/markers/mark_expression.hpp"

#include <doctest/doctest.h>

#include <set>
#include <string>

using paralint::Version;
using paralint::rules::MarkExpression;

namespace {

// What each release says about an expression: nullptr = it parses; kSame = as the release
// before. Printed by _pytest.mark._parse_expression of pytest 7.2.1 (Debian), 8.2.2, 8.3.0,
// 9.0.0 and 9.1.1 (source tags), without the "Wrong expression passed to '-m': EXPR: " prefix.
const char* const kParses = nullptr;
const char* const kSame = "same";

struct Row {
  const char* expression;
  const char* results[5];
};

const Version kReleases[] = {{7, 2, 1}, {8, 2, 2}, {8, 3, 0}, {9, 0, 0}, {9, 1, 1}};

const Row kRows[] = {
    {"typo", {kParses, kSame, kSame, kSame, kSame}},
    {"", {kParses, kSame, kSame, kSame, kSame}},
    {"  ", {kParses, kSame, kSame, kSame, kSame}},
    {"not typo", {kParses, kSame, kSame, kSame, kSame}},
    {"slow and",
     {"at column 9: expected not OR left parenthesis OR identifier; got end of input", kSame, kSame, kSame, kSame}},
    {"slow(x=1)", {"at column 5: expected end of input; got left parenthesis", kSame, kParses, kSame, kSame}},
    {R"(slow(x="a\\b"))",
     {"at column 5: expected end of input; got left parenthesis", kSame,
      R"(at column 10: escaping with "\" not supported in marker expression)", kSame, kSame}},
    {"(slow", {"at column 6: expected right parenthesis; got end of input", kSame, kSame, kSame, kSame}},
    {"slow or @", {R"(at column 9: unexpected character "@")", kSame, kSame, kSame, kSame}},
    {"slow(x='1')", {"at column 5: expected end of input; got left parenthesis", kSame, kParses, kSame, kSame}},
    {"slow and not",
     {"at column 13: expected not OR left parenthesis OR identifier; got end of input", kSame, kSame, kSame, kSame}},
    {R"(a\b or slow(x="1"))",
     {"at column 12: expected end of input; got left parenthesis", kSame,
      R"(at column 2: escaping with "\" not supported in marker expression)", kSame, kParses}},
    {"slow)", {"at column 5: expected end of input; got right parenthesis", kSame, kSame, kSame, kSame}},
    {"not",
     {"at column 4: expected not OR left parenthesis OR identifier; got end of input", kSame, kSame, kSame, kSame}},
    {"slow slow", {"at column 6: expected end of input; got identifier", kSame, kSame, kSame, kSame}},
    {"slow(x=True, y=None)",
     {"at column 5: expected end of input; got left parenthesis", kSame, kParses, kSame, kSame}},
    {"slow(x=-3)", {"at column 5: expected end of input; got left parenthesis", kSame, kParses, kSame, kSame}},
    {"slow(x=--3)",
     {"at column 5: expected end of input; got left parenthesis", kSame, "at column 8: unexpected character/s \"--3\"",
      kSame, kSame}},
    {"slow(1)",
     {"at column 5: expected end of input; got left parenthesis", kSame, "at column 6: not a valid python identifier 1",
      kSame, kSame}},
    {"slow(x=1,y=2)", {"at column 5: expected end of input; got left parenthesis", kSame, kParses, kSame, kSame}},
    {"slow(x=1, y=2",
     {"at column 5: expected end of input; got left parenthesis", kSame,
      "at column 14: expected right parenthesis; got end of input", kSame, kSame}},
    {"slow(class=1)",
     {"at column 5: expected end of input; got left parenthesis", kSame,
      "at column 6: unexpected reserved python keyword `class`", kSame, kSame}},
    {"slow(a-b=1)",
     {"at column 5: expected end of input; got left parenthesis", kSame,
      "at column 6: not a valid python identifier a-b", kSame, kSame}},
    {"slow(x=\"unterminated)",
     {"at column 5: expected end of input; got left parenthesis", kSame, R"(at column 8: closing quote """ is missing)",
      kSame, kSame}},
    {"slow(x=abc)",
     {"at column 5: expected end of input; got left parenthesis", kSame, "at column 8: unexpected character/s \"abc\"",
      kSame, kSame}},
    {"slow()",
     {"at column 5: expected end of input; got left parenthesis", kSame,
      "at column 6: expected identifier; got right parenthesis", kSame, kSame}},
    {"é or slow", {kParses, kSame, kSame, kSame, kSame}},
    {"é or @", {"at column 6: unexpected character \"@\"", kSame, kSame, kSame, kSame}},
    {"x.y:z[1]/a\\b+c-d", {kParses, kSame, kSame, kSame, kSame}},
    {"and", {"at column 1: expected not OR left parenthesis OR identifier; got and", kSame, kSame, kSame, kSame}},
    {"or slow", {"at column 1: expected not OR left parenthesis OR identifier; got or", kSame, kSame, kSame, kSame}},
    {"slow or or", {"at column 9: expected not OR left parenthesis OR identifier; got or", kSame, kSame, kSame, kSame}},
    {"slow(x=1)(y=2)",
     {"at column 5: expected end of input; got left parenthesis", kSame,
      "at column 10: expected end of input; got left parenthesis", kSame, kSame}},
    {"(a)(b)", {"at column 4: expected end of input; got left parenthesis", kSame, kSame, kSame, kSame}},
    {"a or (b and not (c))", {kParses, kSame, kSame, kSame, kSame}},
    {"\tslow", {kParses, kSame, kSame, kSame, kSame}},
    {"slow\n", {"at column 5: unexpected character \"\n\"", kSame, kSame, kSame, kSame}},
    {"slow\"",
     {R"(at column 5: unexpected character """)", kSame, R"(at column 5: closing quote """ is missing)", kSame, kSame}},
    {"slow(x=\"é\")", {"at column 5: expected end of input; got left parenthesis", kSame, kParses, kSame, kSame}},
    {"slow(x=1=2)",
     {"at column 5: expected end of input; got left parenthesis", kSame,
      "at column 9: expected right parenthesis; got =", kSame, kSame}},
    {"slow(x==1)",
     {"at column 5: expected end of input; got left parenthesis", kSame,
      "at column 8: expected identifier; got =", kSame, kSame}},
    {"slow(True=1)",
     {"at column 5: expected end of input; got left parenthesis", kSame,
      "at column 6: unexpected reserved python keyword `True`", kSame, kSame}},
    {"slow(x=\"a\" y=1)",
     {"at column 5: expected end of input; got left parenthesis", kSame,
      "at column 12: expected right parenthesis; got identifier", kSame, kSame}},
    {R"(slow(x="\\"))",
     {"at column 5: expected end of input; got left parenthesis", kSame,
      R"(at column 9: escaping with "\" not supported in marker expression)", kSame, kSame}},
    {"ab\\c or d(e='f')",
     {"at column 10: expected end of input; got left parenthesis", kSame,
      R"(at column 3: escaping with "\" not supported in marker expression)", kSame, kParses}},
};

std::string outcome(std::string_view text, const Version& release) {
  const auto expression = MarkExpression::parse(text, release);
  if (!expression.error()) return "parses";
  return "at column " + std::to_string(expression.error()->column) + ": " + expression.error()->message;
}

}  // namespace

TEST_CASE("mark expression: errors as each pytest release reports them") {
  for (const auto& row : kRows) {
    std::string expected;
    for (std::size_t i = 0; i < std::size(kReleases); ++i) {
      const char* result = row.results[i];
      if (result != kSame) expected = result == kParses ? "parses" : result;
      CAPTURE(row.expression);
      CAPTURE(kReleases[i].str());
      CHECK(outcome(row.expression, kReleases[i]) == expected);
    }
  }
}

TEST_CASE("mark expression: the usage error pytest prints, and the byte offset of the fault") {
  const auto expression = MarkExpression::parse("é or @", {7, 2, 1});
  REQUIRE(expression.error());
  CHECK(expression.error()->offset == 6);
  CHECK(paralint::rules::mark_expression_usage_error("é or @", *expression.error()) ==
        "Wrong expression passed to '-m': é or @: at column 6: unexpected character \"@\"");
}

TEST_CASE("mark expression: names and evaluation") {
  const auto expression = MarkExpression::parse("not (slow or db(url='x')) and serial", {9, 1, 1});
  REQUIRE_FALSE(expression.error());
  REQUIRE(expression.names().size() == 3);
  CHECK(expression.names()[0].name == "slow");
  CHECK(expression.names()[0].offset == 5);
  CHECK(expression.names()[1].name == "db");
  CHECK(expression.names()[1].with_arguments);
  CHECK(expression.names()[2].name == "serial");
  CHECK(expression.names()[0].negated);
  CHECK(expression.names()[1].negated);
  CHECK_FALSE(expression.names()[2].negated);
  CHECK_FALSE(MarkExpression::parse("not not slow", {9, 1, 1}).names()[0].negated);
  auto with = [&](std::set<std::size_t> true_names) {
    return expression.evaluate([&](std::size_t index) { return true_names.contains(index); });
  };
  CHECK(with({2}));
  CHECK_FALSE(with({0, 2}));
  CHECK_FALSE(with({1, 2}));
  CHECK_FALSE(with({}));
  CHECK_FALSE(MarkExpression::parse("  ", {7, 2, 1}).evaluate([](std::size_t) { return true; }));
}

TEST_CASE("mark_expression: nesting past pytest's recursion limit is its RecursionError, not a stack overflow") {
  const Version pytest{7, 2, 1};
  auto nested = [](std::size_t levels) { return std::string(levels, '(') + "x" + std::string(levels, ')'); };
  // Every launcher measured parses 317 levels of parentheses; an xdist worker fails at 318.
  CHECK_FALSE(MarkExpression::parse(nested(317), pytest).error());
  const auto deep = MarkExpression::parse(nested(318), pytest);
  REQUIRE(deep.error());
  CHECK(deep.error()->too_deep);
  CHECK(deep.error()->message == "RecursionError: maximum recursion depth exceeded");
  // One frame per `not`: 953 parse everywhere (3 for the top level + 953 = the budget).
  auto nots = [](std::size_t count) {
    std::string text;
    for (std::size_t i = 0; i < count; ++i) text += "not ";
    return text + "x";
  };
  CHECK_FALSE(MarkExpression::parse(nots(953), pytest).error());
  CHECK(MarkExpression::parse(nots(954), pytest).error()->too_deep);
  // Far past any limit: bounded work and stack, in paralint as in every build.
  const auto huge = MarkExpression::parse(nested(200'000), pytest);
  REQUIRE(huge.error());
  CHECK(huge.error()->too_deep);
  CHECK(huge.error()->offset == 318);
}
