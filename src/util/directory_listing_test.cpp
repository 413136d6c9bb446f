#include "paralint/util/directory_listing.hpp"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <string>
#include <vector>

#include "support/temp_dir.hpp"

using paralint::EntryKind;
using paralint::OpenDirectory;
using paralint::testing::TempDir;

namespace {

EntryKind kind_named(const std::vector<paralint::DirectoryEntry>& entries, const std::string& name) {
  const auto found = std::find_if(entries.begin(), entries.end(), [&](const auto& entry) { return entry.name == name; });
  REQUIRE(found != entries.end());
  return found->kind;
}

}  // namespace

TEST_CASE("directory listing: every entry but . and .., of the kind the listing says, links not followed") {
  TempDir dir;
  dir.write("file.py", "");
  dir.mkdir("sub");
  std::filesystem::create_directory_symlink(dir / "sub", dir / "link");
  REQUIRE(::mkfifo((dir / "pipe").c_str(), 0600) == 0);
  std::error_code error;
  const auto opened = OpenDirectory::open(dir.path().string(), error);
  REQUIRE(opened);
  const auto entries = opened->entries(error);
  CHECK_FALSE(error);
  CHECK(entries.size() == 4);
  CHECK(kind_named(entries, "file.py") == EntryKind::File);
  CHECK(kind_named(entries, "sub") == EntryKind::Directory);
  CHECK(kind_named(entries, "link") == EntryKind::Symlink);
  CHECK(kind_named(entries, "pipe") == EntryKind::Other);
  CHECK(opened->holds("file.py"));
  CHECK_FALSE(opened->holds("missing"));
}

TEST_CASE("directory listing: a child is opened relative to its parent, never through a link") {
  TempDir dir;
  dir.write("sub/inner.py", "");
  std::filesystem::create_directory_symlink(dir / "sub", dir / "link");
  std::error_code error;
  const auto opened = OpenDirectory::open(dir.path().string(), error);
  REQUIRE(opened);
  const auto child = opened->open_child("sub", error);
  REQUIRE(child);
  const auto inner = child->entries(error);
  REQUIRE(inner.size() == 1);
  CHECK(inner[0].name == "inner.py");
  CHECK_FALSE(opened->open_child("link", error));
  CHECK(error.value() == ENOTDIR);  // O_NOFOLLOW with O_DIRECTORY: the link is not a directory
  CHECK_FALSE(opened->open_child("missing", error));
  CHECK(error.value() == ENOENT);
}

TEST_CASE("directory listing: a directory larger than one read is listed whole") {
  TempDir dir;
  // 3,000 names of 40 bytes: about 190 KB of records, three times the read buffer.
  for (int i = 0; i < 3000; ++i) dir.write(std::string(32, 'n') + std::to_string(10000 + i), "");
  std::error_code error;
  const auto opened = OpenDirectory::open(dir.path().string(), error);
  REQUIRE(opened);
  CHECK(opened->entries(error).size() == 3000);
  CHECK_FALSE(error);
}

TEST_CASE("directory listing: a path that is not a directory is an error with the OS's reason") {
  TempDir dir;
  dir.write("file", "");
  std::error_code error;
  CHECK_FALSE(OpenDirectory::open((dir / "file").string(), error));
  CHECK(error.value() == ENOTDIR);
}

namespace {

// Sets a directory's modification time `seconds` before now, as if it had not changed since.
void age(const std::filesystem::path& directory, long seconds) {
  struct stat status {};
  REQUIRE(::stat(directory.c_str(), &status) == 0);
  const timespec times[2] = {status.st_atim, {status.st_mtim.tv_sec - seconds, status.st_mtim.tv_nsec}};
  REQUIRE(::utimensat(AT_FDCWD, directory.c_str(), times, 0) == 0);
}

}  // namespace

TEST_CASE("directory listing: a cached listing is reused until the directory changes") {
  TempDir dir;
  dir.write("pytest.ini", "");
  // Just written: its timestamp could hide a change made within the same tick, so no listing.
  CHECK(paralint::cached_listing(dir.path()) == nullptr);

  age(dir.path(), 60);
  const auto first = paralint::cached_listing(dir.path());
  REQUIRE(first != nullptr);
  CHECK(first->kinds.at("pytest.ini") == EntryKind::File);
  CHECK(paralint::cached_listing(dir.path()) == first);  // unchanged: the same listing

  dir.write("pyproject.toml", "");
  age(dir.path(), 30);  // a later time than the listing's, though still in the past
  const auto second = paralint::cached_listing(dir.path());
  REQUIRE(second != nullptr);
  CHECK(second != first);
  CHECK(second->kinds.count("pyproject.toml") == 1);
}

TEST_CASE("directory listing: no cached listing for what is not a directory") {
  TempDir dir;
  dir.write("file", "");
  CHECK(paralint::cached_listing(dir.path() / "file") == nullptr);
  CHECK(paralint::cached_listing(dir.path() / "missing") == nullptr);
}
