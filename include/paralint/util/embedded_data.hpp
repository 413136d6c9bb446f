#pragma once
// Data files from schemas/, compiled into the binary by cmake/embed_files.cmake.

#include <optional>
#include <string_view>
#include <vector>

namespace paralint {

struct EmbeddedFile {
  std::string_view name;  // path relative to the source tree, e.g. "schemas/versions.toml"
  std::string_view contents;
};

const std::vector<EmbeddedFile>& embedded_files();

inline std::optional<std::string_view> embedded_file(std::string_view name) {
  for (const auto& file : embedded_files()) {
    if (file.name == name) return file.contents;
  }
  return std::nullopt;
}

}  // namespace paralint
