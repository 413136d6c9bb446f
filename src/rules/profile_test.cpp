#include "paralint/rules/profile.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

TEST_CASE("profiles: the names the command line offers are the profiles' own") {
  std::vector<std::string> parsed;
  for (const auto& profile : paralint::profiles()) parsed.push_back(profile.name);
  CHECK(paralint::profile_names() == parsed);
  REQUIRE(paralint::find_profile("parallel") != nullptr);
  CHECK_FALSE(paralint::find_profile("parallel")->select.empty());
  CHECK(paralint::find_profile("serial") == nullptr);
}
