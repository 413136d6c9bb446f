// libFuzzer target: the INI reader must never crash, and every span it returns must lie
// inside the input, for both iniconfig dialects.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "paralint/read/ini_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const paralint::SourceText source("fuzz.ini", std::string(reinterpret_cast<const char*>(data), size));
  for (const bool splitlines : {false, true}) {
    const auto document = paralint::read_ini(source, {splitlines, splitlines});
    for (const auto& section : document.sections) {
      for (const auto& entry : section.entries) {
        if (entry.key_span.end > size || entry.span.end > size || entry.key_span.begin > entry.key_span.end) std::abort();
        for (const auto& piece : entry.pieces) {
          if (piece.source.end > size || piece.value_offset > entry.value.size()) std::abort();
        }
      }
    }
  }
  return 0;
}
