#include "paralint/util/spelling.hpp"

#include <doctest/doctest.h>

using paralint::edit_distance;
using paralint::typo_distance;

TEST_CASE("spelling: edit_distance counts insertions, deletions and substitutions") {
  CHECK(edit_distance("", "") == 0);
  CHECK(edit_distance("addopts", "addopts") == 0);
  CHECK(edit_distance("adopts", "addopts") == 1);
  CHECK(edit_distance("addoptz", "addopts") == 1);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("slwo", "slow") == 2);
}

TEST_CASE("spelling: typo_distance counts a swap of neighbours as one edit") {
  CHECK(typo_distance("slwo", "slow") == 1);
  CHECK(typo_distance("ab", "ba") == 1);
  CHECK(typo_distance("kitten", "sitting") == 3);
  CHECK(typo_distance("", "abc") == 3);
  CHECK(typo_distance("abc", "") == 3);
  CHECK(typo_distance("serial", "serial") == 0);
  // Optimal string alignment: a swapped pair is not edited again.
  CHECK(typo_distance("ca", "abc") == 3);
}

TEST_CASE("spelling: edit_distance on option and key names") {
  CHECK(edit_distance("--numprocess", "--numprocesses") == 2);
  CHECK(edit_distance("--reuse_db", "--reuse-db") == 1);
  CHECK(edit_distance("anyio_mode", "asyncio_mode") == 3);
}

TEST_CASE("spelling: ASCII case folding leaves other bytes alone") {
  CHECK(paralint::ascii_lower("Asyncio_Mode-X9") == "asyncio_mode-x9");
  CHECK(paralint::ascii_upper("s001, a0") == "S001, A0");
  CHECK(paralint::ascii_lower("\xc3\x89T\xc3\x89") == "\xc3\x89t\xc3\x89");  // "ÉTÉ": only the T folds
  CHECK(paralint::ascii_upper("") == "");
}
