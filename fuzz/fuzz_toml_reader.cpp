// libFuzzer target: the TOML reader (tomllib's grammar and table rules, with the values and
// spans it builds) must never crash or overflow the stack, whatever the input.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "paralint/read/toml_reader.hpp"

namespace {

void visit(const paralint::Value& value, std::size_t size) {
  if (value.span.end > size || value.span.begin > value.span.end) std::abort();
  // Containers are rendered once, as part of the root: each level again would make deep
  // documents quadratic.
  if (!value.is_array() && !value.is_table()) (void)paralint::python_str(value);
  for (const auto& item : value.items) visit(item, size);
  for (const auto& entry : value.entries) visit(entry.value, size);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const paralint::SourceText source("fuzz.toml", std::string(reinterpret_cast<const char*>(data), size));
  const auto document = paralint::read_toml(source);
  if (document.error) return 0;
  visit(document.root, size);
  (void)paralint::python_str(document.root);
  return 0;
}
