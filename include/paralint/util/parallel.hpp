#pragma once

#include <cstddef>
#include <functional>

namespace paralint {

// Calls `work(i)` for each i in [0, count), spread over up to `most_threads` threads (this
// one included; never more than the machine's cores or than `count`). Indexes are claimed in
// order, so each thread's share is decided as it goes, not up front: one slow item does not
// hold back a whole share. `work` must be safe to run on several threads at once; each
// thread's thread_local caches (read_source_once, read_toml_once) end with it.
void for_each_index_in_parallel(std::size_t count, std::size_t most_threads, const std::function<void(std::size_t)>& work);

}  // namespace paralint
