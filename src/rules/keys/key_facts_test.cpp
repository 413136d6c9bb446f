#include "rules/keys/key_facts.hpp"

#include <doctest/doctest.h>

using paralint::rules::keys::python_strtobool;

// Every expectation below was printed by Python 3.11 (float(), int(), distutils' strtobool).

TEST_CASE("key facts: _strtobool") {
  CHECK(python_strtobool("TRUE") == true);
  CHECK(python_strtobool("on") == true);
  CHECK(python_strtobool("0") == false);
  CHECK(python_strtobool("Off") == false);
  CHECK_FALSE(python_strtobool("maybe").has_value());
  CHECK_FALSE(python_strtobool("").has_value());
  CHECK_FALSE(python_strtobool("[true]").has_value());
}

