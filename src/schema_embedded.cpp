#include <stdexcept>

#include "paralint/embedded_data.hpp"
#include "paralint/schema.hpp"

namespace paralint {

const SchemaSet& SchemaSet::embedded() {
  static const SchemaSet set = [] {
    const auto blob = embedded_file("schemas/compiled.bin");
    if (!blob) throw std::logic_error("schemas/compiled.bin is not embedded");
    return from_blob(*blob);
  }();
  return set;
}

}  // namespace paralint
