#include "paralint/edit_distance.hpp"

#include <doctest/doctest.h>

using paralint::edit_distance;

TEST_CASE("edit distance") {
  CHECK(edit_distance("addopt", "addopts") == 1);
  CHECK(edit_distance("asyncio_mode", "asyncio_mode") == 0);
  CHECK(edit_distance("anyio_mode", "asyncio_mode") == 3);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("--numprocess", "--numprocesses") == 2);
  CHECK(edit_distance("--reuse_db", "--reuse-db") == 1);
}
