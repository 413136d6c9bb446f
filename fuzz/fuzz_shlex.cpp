// libFuzzer target: shlex_split never crashes, and token spans are ordered and inside
// the input.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "paralint/read/shlex.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto result = paralint::shlex_split(input);
  std::size_t previous_end = 0;
  for (const auto& token : result.tokens) {
    if (token.begin < previous_end || token.end > size || token.begin > token.end) std::abort();
    if (token.text.size() > token.end - token.begin) std::abort();
    previous_end = token.end;
  }
  return 0;
}
