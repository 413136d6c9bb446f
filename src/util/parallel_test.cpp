#include "paralint/util/parallel.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <set>
#include <thread>
#include <vector>

namespace paralint {

TEST_CASE("for_each_index_in_parallel calls work once for each index") {
  std::vector<std::atomic<int>> calls(1000);
  for_each_index_in_parallel(calls.size(), 8, [&](std::size_t index) { calls[index].fetch_add(1); });
  for (const auto& count : calls) CHECK(count.load() == 1);
}

TEST_CASE("for_each_index_in_parallel with one thread runs everything on the caller's thread") {
  std::set<std::thread::id> threads;
  for_each_index_in_parallel(50, 1, [&](std::size_t) { threads.insert(std::this_thread::get_id()); });
  CHECK(threads == std::set<std::thread::id>{std::this_thread::get_id()});
}

TEST_CASE("for_each_index_in_parallel with nothing to do calls nothing") {
  bool called = false;
  for_each_index_in_parallel(0, 4, [&](std::size_t) { called = true; });
  CHECK_FALSE(called);
}

}  // namespace paralint
