#pragma once
// A fresh directory under the system temp dir for one unit test, removed with everything in
// it. Nothing above the temp dir may hold a pytest config file or a setup.py, or a walk up
// from inside it would find them. Each change it makes is noted (note_directories_changed), as
// paralint notes its own writes; a test that changes the tree otherwise notes it itself.

#include <doctest/doctest.h>
#include <stdlib.h>  // mkdtemp

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "paralint/util/directory_listing.hpp"

namespace paralint::testing {

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "paralint-test-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path_ = pattern;
    note_directories_changed();
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
    note_directories_changed();
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  TempDir(TempDir&&) = delete;
  TempDir& operator=(TempDir&&) = delete;

  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  [[nodiscard]] std::filesystem::path operator/(const std::filesystem::path& relative) const { return path_ / relative; }
  void write(const std::filesystem::path& relative, std::string_view text) const {
    std::filesystem::create_directories((path_ / relative).parent_path());
    std::ofstream(path_ / relative, std::ios::binary) << text;
    note_directories_changed();
  }
  void mkdir(const std::filesystem::path& relative) const {
    std::filesystem::create_directories(path_ / relative);
    note_directories_changed();
  }

 private:
  std::filesystem::path path_;
};

}  // namespace paralint::testing
