// Build step: reads schemas/*.toml (the data, as maintained) and writes the compiled blob
// that is embedded into paralint. Usage: paralint_schema_compiler OUTPUT FILE.toml...
// A malformed schema fails the build with the file and the reason.

#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>

#include "paralint/schema.hpp"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: paralint_schema_compiler OUTPUT FILE.toml...\n";
    return 2;
  }
  try {
    std::vector<std::pair<std::string, std::string>> files;
    for (int index = 2; index < argc; ++index) {
      std::ifstream input(argv[index], std::ios::binary);  // NOLINT(cppcoreguidelines-pro-bounds-pointer-arithmetic)
      if (!input) throw std::runtime_error(std::string("cannot read ") + argv[index]);  // NOLINT(cppcoreguidelines-pro-bounds-pointer-arithmetic)
      std::stringstream text;
      text << input.rdbuf();
      files.emplace_back(argv[index], text.str());  // NOLINT(cppcoreguidelines-pro-bounds-pointer-arithmetic)
    }
    const auto blob = paralint::SchemaSet::parse(files).to_blob();
    std::ofstream output(argv[1], std::ios::binary | std::ios::trunc);  // NOLINT(cppcoreguidelines-pro-bounds-pointer-arithmetic)
    output << blob;
    return output ? 0 : 1;
  } catch (const std::exception& error) {
    std::cerr << "paralint_schema_compiler: " << error.what() << "\n";
    return 1;
  }
}
