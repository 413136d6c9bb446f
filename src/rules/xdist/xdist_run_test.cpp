#include "rules/xdist/xdist_run.hpp"

#include <doctest/doctest.h>

namespace paralint::rules {

TEST_CASE("python_int reads what int() accepts") {
  CHECK(python_int("4") == 4);
  CHECK(python_int(" 4\t") == 4);
  CHECK(python_int("+4") == 4);
  CHECK(python_int("-1") == -1);
  CHECK(python_int("1_000") == 1000);
  CHECK(python_int("007") == 7);
}

TEST_CASE("python_int refuses what int() refuses") {
  CHECK_FALSE(python_int(""));
  CHECK_FALSE(python_int("abc"));
  CHECK_FALSE(python_int("1.5"));
  CHECK_FALSE(python_int("1__0"));
  CHECK_FALSE(python_int("_1"));
  CHECK_FALSE(python_int("1_"));
  CHECK_FALSE(python_int("+"));
  CHECK_FALSE(python_int("3 4"));
}

}  // namespace paralint::rules
