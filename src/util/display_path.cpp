#include "paralint/util/display_path.hpp"

namespace paralint {

namespace fs = std::filesystem;

std::string display_path(const fs::path& path, const fs::path& base) {
  const auto relative = path.lexically_relative(base);
  if (!relative.empty() && *relative.begin() != "..") return relative.generic_string();
  return path.generic_string();
}

std::string why_unusable(const std::error_code& status_error) {
  return status_error ? status_error.message() : "No such file or directory";
}

}  // namespace paralint
