// Build step: reads the data under schemas/ as maintained (the component schemas and
// versions.toml) and writes the compiled blobs that are embedded into paralint, so that a
// run parses no TOML of its own. A malformed file fails the build with the file and the reason.
// Usage: paralint_schema_compiler SCHEMAS_OUT VERSIONS_OUT versions.toml FILE.toml...

#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>

#include "paralint/schema/schema.hpp"
#include "paralint/schema/version.hpp"

namespace {

std::string read(const char* path) {
  std::ifstream input(path, std::ios::binary);
  if (!input) throw std::runtime_error(std::string("cannot read ") + path);
  std::stringstream text;
  text << input.rdbuf();
  return text.str();
}

void write(const char* path, const std::string& bytes) {
  std::ofstream output(path, std::ios::binary | std::ios::trunc);
  output << bytes;
  if (!output) throw std::runtime_error(std::string("cannot write ") + path);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 5) {
    std::cerr << "usage: paralint_schema_compiler SCHEMAS_OUT VERSIONS_OUT versions.toml FILE.toml...\n";
    return 2;
  }
  try {
    // NOLINTBEGIN(cppcoreguidelines-pro-bounds-pointer-arithmetic): argv
    std::vector<std::pair<std::string, std::string>> files;
    for (int index = 4; index < argc; ++index) files.emplace_back(argv[index], read(argv[index]));
    write(argv[1], paralint::SchemaSet::parse(files).to_blob());
    write(argv[2], paralint::known_versions_to_blob(paralint::parse_known_versions(read(argv[3]))));
    // NOLINTEND(cppcoreguidelines-pro-bounds-pointer-arithmetic)
    return 0;
  } catch (const std::exception& error) {
    std::cerr << "paralint_schema_compiler: " << error.what() << "\n";
    return 1;
  }
}
