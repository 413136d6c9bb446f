#include "rules/keys/pep440.hpp"

#include <doctest/doctest.h>

#include <string>

using paralint::rules::keys::compare;
using paralint::rules::keys::parse_requirement;
using paralint::rules::keys::Pep440Version;
using paralint::rules::keys::specifiers_allow;

namespace {

// str(Version(text)), or "INVALID": every answer below was printed by packaging 23.0.
std::string normalised(std::string_view text) {
  const auto version = Pep440Version::parse(text);
  return version ? version->str() : "INVALID";
}

int order(std::string_view left, std::string_view right) {
  const auto a = Pep440Version::parse(left);
  const auto b = Pep440Version::parse(right);
  REQUIRE(a.has_value());
  REQUIRE(b.has_value());
  return compare(*a, *b);
}

// "name specifiers allows-3.1.0", or "INVALID", as packaging's Requirement sees the text.
std::string requirement(std::string_view text) {
  const auto parsed = parse_requirement(text);
  if (!parsed) return "INVALID";
  std::string out = parsed->name;
  for (const auto& specifier : parsed->specifiers) out += " " + specifier.op + specifier.version;
  const auto installed = Pep440Version::parse("3.1.0");
  return out + (specifiers_allow(parsed->specifiers, *installed) ? " yes" : " no");
}

}  // namespace

TEST_CASE("pep440: versions packaging accepts, normalised") {
  CHECK(normalised("7.2.1") == "7.2.1");
  CHECK(normalised("8") == "8");
  CHECK(normalised("v7") == "7");
  CHECK(normalised(" 7.0 ") == "7.0");
  CHECK(normalised("7.2.1.post1") == "7.2.1.post1");
  CHECK(normalised("1!2.0") == "1!2.0");
  CHECK(normalised("1.0+local.7") == "1.0+local.7");
  CHECK(normalised("1.0-1") == "1.0.post1");
  CHECK(normalised("1.0.post") == "1.0.post0");
  CHECK(normalised("7.0.0-rc.1") == "7.0.0rc1");
  CHECK(normalised("1.0a") == "1.0a0");
  CHECK(normalised("2.0preview3") == "2.0rc3");
  CHECK(normalised("7.3.0.DEV0") == "7.3.0.dev0");
}

TEST_CASE("pep440: versions packaging rejects") {
  for (const auto* bad : {"7.x", "abc", "1..0", "", "7.0 beta", "7,0"}) {
    CAPTURE(bad);
    CHECK(normalised(bad) == "INVALID");
  }
}

TEST_CASE("pep440: ordering as packaging's _cmpkey") {
  CHECK(order("8", "7.2.1") > 0);
  CHECK(order("7.2.1", "7.2.1") == 0);
  CHECK(order("7.2", "7.2.0") == 0);
  CHECK(order("7.2.1.post1", "7.2.1") > 0);
  CHECK(order("7.2.1rc1", "7.2.1") < 0);
  CHECK(order("7.3.0.dev0", "7.2.1") > 0);
  CHECK(order("1.0.dev0", "1.0a0") < 0);
  CHECK(order("1.0+abc", "1.0+1") < 0);
  CHECK(order("1.0+1", "1.0") > 0);
  CHECK(order("1!0.1", "9.0") > 0);
}

TEST_CASE("pep440: requirements as packaging.requirements.Requirement reads them") {
  CHECK(requirement("pytest-xdist") == "pytest-xdist yes");
  CHECK(requirement("pytest_xdist") == "pytest_xdist yes");  // the name is kept as written
  CHECK(requirement("3") == "3 yes");
  CHECK(requirement("pytest_") == "pytest_ yes");
  CHECK(requirement("pytest-xdist>=99") == "pytest-xdist >=99 no");
  CHECK(requirement("pytest-xdist>=3.0") == "pytest-xdist >=3.0 yes");
  CHECK(requirement("pytest-xdist[psutil]>=3") == "pytest-xdist >=3 yes");
  CHECK(requirement("pytest-xdist==3.*") == "pytest-xdist ==3.* yes");
  CHECK(requirement("pytest-xdist~=3.0") == "pytest-xdist ~=3.0 yes");
  CHECK(requirement("pytest-xdist>=3.0.0rc1") == "pytest-xdist >=3.0.0rc1 yes");
  CHECK(requirement("pytest-xdist (>=3, <4)") == "pytest-xdist >=3 <4 yes");
  CHECK(requirement("pytest-xdist>=3,<4") == "pytest-xdist >=3 <4 yes");
  CHECK(requirement("pytest-xdist >= 3") == "pytest-xdist >=3 yes");
  CHECK(requirement("pytest-xdist>=3.0a") == "pytest-xdist >=3.0a yes");
  CHECK(requirement("pytest-xdist===3.1.0") == "pytest-xdist ===3.1.0 yes");
  CHECK(requirement("pytest-xdist==3.1.0+local") == "pytest-xdist ==3.1.0+local no");
  CHECK(requirement("pytest-xdist @ https://x/y.whl") == "pytest-xdist yes");
}

TEST_CASE("pep440: requirements packaging rejects") {
  for (const auto* bad : {">=", "nonsense!!", "pytest-xdist;", "pytest-xdist~=3", "pytest-xdist>=abc", "pytest-",
                          "pytest-xdist>3.*", "pytest-xdist<=3.0+local", ""}) {
    CAPTURE(bad);
    CHECK(requirement(bad) == "INVALID");
  }
}
