#include "paralint/util/atomic_file.hpp"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
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

TEST_CASE("AtomicFileWriter: pieces replace the file only at commit; a writer dropped before leaves no trace") {
  const TemporaryDirectory directory;
  const auto report = directory.path / "report.xml";
  std::string error;
  REQUIRE(write_file_atomically(report, "old", error));
  {
    paralint::AtomicFileWriter writer;
    REQUIRE(writer.open(report, error));
    writer.write("<a>");
    CHECK(contents_of(report) == "old");
    CHECK(entries_in(directory.path) == 2);  // the temporary beside it
  }
  CHECK(contents_of(report) == "old");
  CHECK(entries_in(directory.path) == 1);

  paralint::AtomicFileWriter writer;
  REQUIRE(writer.open(report, error));
  writer.write("<a>");
  writer.write("</a>");
  REQUIRE(writer.commit(error));
  CHECK(contents_of(report) == "<a></a>");
  CHECK(entries_in(directory.path) == 1);
}

TEST_CASE("write_file_atomically: an existing file keeps its mode") {
  const TemporaryDirectory directory;
  const auto report = directory.path / "report.txt";
  std::string error;
  REQUIRE(write_file_atomically(report, "old", error));
  REQUIRE(::chmod(report.c_str(), 0640) == 0);
  REQUIRE(write_file_atomically(report, "new", error));
  struct stat status {};
  REQUIRE(::stat(report.c_str(), &status) == 0);
  CHECK((status.st_mode & 07777U) == 0640U);
  CHECK(contents_of(report) == "new");
}

TEST_CASE("write_file_atomically: a symbolic link is followed, not replaced") {
  const TemporaryDirectory directory;
  const auto target = directory.path / "real.json";
  const auto link = directory.path / "link.json";
  std::string error;
  REQUIRE(write_file_atomically(target, "old", error));
  fs::create_symlink("real.json", link);
  REQUIRE(write_file_atomically(link, "new", error));
  CHECK(fs::is_symlink(fs::symlink_status(link)));
  CHECK(contents_of(target) == "new");
  // A dangling link: the target is created, as `> link` creates it.
  const auto dangling = directory.path / "dangling.json";
  fs::create_symlink("later.json", dangling);
  REQUIRE(write_file_atomically(dangling, "made", error));
  CHECK(fs::is_symlink(fs::symlink_status(dangling)));
  CHECK(contents_of(directory.path / "later.json") == "made");
}

TEST_CASE("write_file_atomically: a hard-linked file is rewritten in place, so every name sees it") {
  const TemporaryDirectory directory;
  const auto first = directory.path / "a.txt";
  const auto second = directory.path / "b.txt";
  std::string error;
  REQUIRE(write_file_atomically(first, "old", error));
  fs::create_hard_link(first, second);
  REQUIRE(write_file_atomically(first, "new", error));
  CHECK(contents_of(second) == "new");
  CHECK(fs::hard_link_count(first) == 2);
}

TEST_CASE("write_file_atomically: a FIFO is written through, never replaced by a file") {
  const TemporaryDirectory directory;
  const auto fifo = directory.path / "pipe";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  // A reader on the other end, so that opening the FIFO for writing does not wait.
  const int reader = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK);
  REQUIRE(reader >= 0);
  std::string error;
  REQUIRE(write_file_atomically(fifo, "through", error));
  std::array<char, 16> buffer{};
  CHECK(::read(reader, buffer.data(), buffer.size()) == 7);
  CHECK(std::string(buffer.data(), 7) == "through");
  ::close(reader);
  CHECK(fs::is_fifo(fs::status(fifo)));
  CHECK(entries_in(directory.path) == 1);
}

TEST_CASE("write_file_atomically: a character device is written through (a copy of /dev/null where allowed)") {
  const TemporaryDirectory directory;
  const auto device = directory.path / "null";
  struct stat null_status {};
  REQUIRE(::stat("/dev/null", &null_status) == 0);
  if (::mknod(device.c_str(), S_IFCHR | 0666, null_status.st_rdev) != 0) return;  // not root: nothing to test here
  std::string error;
  REQUIRE(write_file_atomically(device, "discarded", error));
  CHECK(fs::is_character_file(fs::status(device)));
  CHECK(entries_in(directory.path) == 1);
}
