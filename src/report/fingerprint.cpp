#include "paralint/report/fingerprint.hpp"

#include <fmt/format.h>

#include "paralint/util/display_path.hpp"

namespace paralint {

std::uint64_t fnv1a_64(std::string_view bytes) {
  constexpr std::uint64_t kOffsetBasis = 0xcbf29ce484222325ULL;
  constexpr std::uint64_t kPrime = 0x100000001b3ULL;
  std::uint64_t hash = kOffsetBasis;
  for (const char byte : bytes) {
    hash ^= static_cast<unsigned char>(byte);
    hash *= kPrime;
  }
  return hash;
}

std::string Fingerprinter::next(const Diagnostic& diagnostic) {
  // NUL cannot occur in a code or a path, so the parts cannot run into each other.
  std::string key = diagnostic.code + '\0' + display_path(diagnostic.location.file, base_) + '\0';
  if (diagnostic.location.source) key += diagnostic.location.source->slice(diagnostic.location.span);
  const auto repeat = repeats_[fnv1a_64(key)]++;
  if (repeat > 0) key += '\0' + std::to_string(repeat);
  return fmt::format("{:016x}", fnv1a_64(key));
}

}  // namespace paralint
