// libFuzzer target: pytest's -m/-k expression parser never crashes or overflows its stack
// (deep nesting ends in the modelled RecursionError), an error points inside the input, and
// a parsed expression evaluates.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "rules/markers/mark_expression.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  // The first byte picks the release: the grammar differs before 8.3.0 and from 9.1.0.
  static const paralint::Version releases[] = {{7, 2, 1}, {8, 3, 0}, {9, 0, 0}, {9, 1, 1}};
  const auto& pytest = releases[data[0] % 4];
  const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  const auto expression = paralint::rules::MarkExpression::parse(input, pytest);
  if (const auto& error = expression.error()) {
    if (error->offset > input.size() || error->message.empty()) std::abort();
    return 0;
  }
  for (const auto& name : expression.names()) {
    if (name.offset + name.name.size() > input.size()) std::abort();
  }
  (void)expression.evaluate([](std::size_t index) { return index % 2 == 0; });
  return 0;
}
