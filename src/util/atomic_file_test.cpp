#include "paralint/util/atomic_file.hpp"

#include <doctest/doctest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

namespace fs = std::filesystem;
using paralint::write_file_atomically;

namespace {

struct TemporaryDirectory {
  fs::path path;
  TemporaryDirectory() {
    std::string pattern = (fs::temp_directory_path() / "paralint-atomic-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~TemporaryDirectory() {
    std::error_code ignored;
    fs::permissions(path, fs::perms::owner_all, fs::perm_options::add, ignored);
    fs::remove_all(path, ignored);
  }
  TemporaryDirectory(const TemporaryDirectory&) = delete;
  TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;
  TemporaryDirectory(TemporaryDirectory&&) = delete;
  TemporaryDirectory& operator=(TemporaryDirectory&&) = delete;
};

std::string contents_of(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream out;
  out << in.rdbuf();
  return out.str();
}

std::size_t entries_in(const fs::path& directory) {
  return static_cast<std::size_t>(std::distance(fs::directory_iterator(directory), fs::directory_iterator()));
}

}  // namespace

TEST_CASE("write_file_atomically: creates and replaces the file, leaving nothing beside it") {
  const TemporaryDirectory directory;
  const auto report = directory.path / "report.sarif";
  std::string error;
  REQUIRE(write_file_atomically(report, "first", error));
  CHECK(contents_of(report) == "first");
  REQUIRE(write_file_atomically(report, std::string("second\0", 7), error));
  CHECK(contents_of(report) == std::string("second\0", 7));
  CHECK(entries_in(directory.path) == 1);
  struct stat status {};
  REQUIRE(::stat(report.c_str(), &status) == 0);
  const mode_t mask = ::umask(0);
  ::umask(mask);
  CHECK((status.st_mode & 0777U) == (0666U & ~mask));  // as a new file gets, not mkstemp's 0600
}

TEST_CASE("write_file_atomically: says why it cannot, and leaves the old file and no temporary") {
  const TemporaryDirectory directory;
  std::string error;
  CHECK_FALSE(write_file_atomically(directory.path / "missing" / "report.json", "x", error));
  CHECK(error == "No such file or directory");

  const auto report = directory.path / "report.json";
  REQUIRE(write_file_atomically(report, "old", error));
  CHECK_FALSE(write_file_atomically(directory.path, "x", error));  // a directory is not replaced
  CHECK_FALSE(error.empty());
  CHECK(contents_of(report) == "old");
  CHECK(entries_in(directory.path) == 1);
}
