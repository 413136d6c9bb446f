#include "paralint/rules/rule_catalogue.hpp"

#include <doctest/doctest.h>
#include <re2/re2.h>

#include <set>

#include "paralint/rules/rule.hpp"
#include "paralint/rules/suppression.hpp"

TEST_CASE("catalogue: every rule file is complete and well named") {
  const RE2 code_pattern("[A-Z]{1,2}[0-9]{3}");
  const RE2 name_pattern("[a-z0-9]+(-[a-z0-9]+)*");
  std::set<std::string> prefixes;
  for (const auto& family : paralint::rule_families()) prefixes.insert(family.prefix);
  std::set<std::string> names;
  for (const auto& doc : paralint::rule_docs()) {
    CAPTURE(doc.code);
    CHECK(RE2::FullMatch(doc.code, code_pattern));
    CHECK(RE2::FullMatch(doc.name, name_pattern));
    CHECK(names.insert(doc.name).second);
    CHECK(prefixes.count(doc.code.substr(0, doc.code.size() - 3)) == 1);
    CHECK_FALSE(doc.summary.empty());
    CHECK_FALSE(doc.why.empty());
    CHECK_FALSE(doc.verified.empty());
    CHECK_FALSE(doc.example_bad.empty());
    CHECK_FALSE(doc.example_good.empty());
    CHECK_FALSE(doc.example_file.empty());
    CHECK((doc.fix == "safe" || doc.fix == "unsafe" || doc.fix == "none"));
  }
}

TEST_CASE("catalogue: every rule function has its doc, and every doc a rule") {
  std::set<std::string> implemented;
  for (const auto& function : paralint::all_rule_functions()) {
    for (const auto code : function.codes) {
      CAPTURE(code);
      CHECK(paralint::find_rule_doc(code) != nullptr);
      implemented.emplace(code);
    }
  }
  for (const auto& function : paralint::suppression_rule_functions()) {
    for (const auto code : function.codes) {
      CAPTURE(code);
      CHECK(paralint::find_rule_doc(code) != nullptr);
      implemented.emplace(code);
    }
  }
  for (const auto& doc : paralint::rule_docs()) {
    CAPTURE(doc.code);
    CHECK(implemented.count(doc.code) == 1);
  }
}

TEST_CASE("catalogue: severities read back") {
  CHECK(paralint::parse_severity("error") == paralint::Severity::Error);
  CHECK(paralint::parse_severity("fatal") == std::nullopt);
  CHECK(paralint::severity_name(paralint::Severity::Info) == "info");
}

TEST_CASE("catalogue: the build-time index says what the rule files say") {
  const auto& docs = paralint::rule_docs();
  const auto index = paralint::rule_index();
  REQUIRE(index.size() == docs.size());
  for (std::size_t i = 0; i < docs.size(); ++i) {
    CAPTURE(docs[i].code);
    CHECK(index[i].code == docs[i].code);
    CHECK(index[i].name == docs[i].name);
    CHECK(index[i].severity == docs[i].severity);
    CHECK(paralint::find_rule(docs[i].code) == &index[i]);
  }
  std::vector<std::string_view> opt_in;
  for (const auto& family : paralint::rule_families()) {
    if (family.opt_in) opt_in.push_back(family.prefix);
  }
  const auto built = paralint::opt_in_prefixes();
  CHECK(std::vector<std::string_view>(built.begin(), built.end()) == opt_in);
  CHECK_FALSE(opt_in.empty());
  CHECK(paralint::find_rule("A000") == nullptr);
  CHECK(paralint::find_rule("") == nullptr);
  CHECK(paralint::find_rule("ZZZ999") == nullptr);
}
