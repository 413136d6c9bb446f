#include "paralint/util/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace paralint {

void for_each_index_in_parallel(std::size_t count, std::size_t most_threads, const std::function<void(std::size_t)>& work) {
  std::atomic<std::size_t> next{0};
  const auto claim_and_work = [&] {
    for (auto index = next.fetch_add(1); index < count; index = next.fetch_add(1)) work(index);
  };
  const auto cores = std::max<std::size_t>(1, std::thread::hardware_concurrency());
  const auto threads = std::min({most_threads, cores, count});
  {
    std::vector<std::jthread> helpers;
    for (std::size_t i = 1; i < threads; ++i) helpers.emplace_back(claim_and_work);
    claim_and_work();
  }  // joins the helpers
}

}  // namespace paralint
