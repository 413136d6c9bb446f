#include "rules/keys/key_facts.hpp"

#include <doctest/doctest.h>

using paralint::rules::keys::python_float_accepts;
using paralint::rules::keys::python_int_accepts;
using paralint::rules::keys::python_strtobool;

// Every expectation below was printed by Python 3.11 (float(), int(), distutils' strtobool).

TEST_CASE("key facts: float() accepts Python's forms") {
  for (const auto* good : {"1_0", " 1.5 ", "inf", "-Infinity", "nan", "1e3", ".5", "5.", "+.5e-3_0"}) {
    CAPTURE(good);
    CHECK(python_float_accepts(good));
  }
  for (const auto* bad : {"1__0", "_1", "1_", "abc", "", "0x10", "1.5e", "5min"}) {
    CAPTURE(bad);
    CHECK_FALSE(python_float_accepts(bad));
  }
}

TEST_CASE("key facts: int() accepts Python's forms") {
  for (const auto* good : {"10", " +3 ", "1_000", "007", "-0"}) {
    CAPTURE(good);
    CHECK(python_int_accepts(good));
  }
  for (const auto* bad : {"1.0", "", "1e3"}) {
    CAPTURE(bad);
    CHECK_FALSE(python_int_accepts(bad));
  }
}

TEST_CASE("key facts: _strtobool") {
  CHECK(python_strtobool("TRUE") == true);
  CHECK(python_strtobool("on") == true);
  CHECK(python_strtobool("0") == false);
  CHECK(python_strtobool("Off") == false);
  CHECK_FALSE(python_strtobool("maybe").has_value());
  CHECK_FALSE(python_strtobool("").has_value());
  CHECK_FALSE(python_strtobool("[true]").has_value());
}
