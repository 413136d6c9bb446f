#include <stdexcept>

#include "paralint/schema/schema.hpp"
#include "paralint/util/embedded_data.hpp"

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
