#pragma once
// One Python file of the project, and what the scan finds in it: the options, ini keys and
// markers a plugin or conftest.py registers, the marks a test module applies, and the marker
// names code reads. Files are independent of each other here, so the scan can read them on
// several threads and merge what each holds in file order.

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "paralint/read/source_text.hpp"
#include "paralint/scan/project_scan.hpp"
#include "scan/python_code.hpp"

namespace paralint::python {

// One Python file: its SourceText (the scan only reads files it expects to mention
// something, and a mention points into it) and its masked code, which views those bytes.
class PythonFile {
 public:
  PythonFile(std::filesystem::path path, std::string bytes)
      : source_(std::make_shared<const SourceText>(std::move(path), std::move(bytes))),
        masked_(mask_python(source_->bytes())) {}

  [[nodiscard]] const std::filesystem::path& path() const { return source_->path(); }
  [[nodiscard]] const MaskedSource& masked() const { return masked_; }
  [[nodiscard]] const std::shared_ptr<const SourceText>& source() const { return source_; }

 private:
  std::shared_ptr<const SourceText> source_;
  MaskedSource masked_;
};

// Whether a test module can hold anything scan_module records for it: every pattern it
// looks for in a test module (marks, add_marker, get_closest_marker, iter_markers,
// `in item.keywords`) spells `mark` or `keywords`, so a module without them is neither
// masked nor searched. A `.name == "…"` comparison is read as a marker's name only in a module
// that reaches marks through one of those (`for m in item.iter_markers(): if m.name == …`):
// code that never touches a mark compares file and test names, not markers.
bool may_mention_markers(std::string_view bytes);

// Records in `found` what `file` registers (when it is a plugin or a conftest.py) and uses.
// Opaque sources are named relative to `root`.
void scan_module(PythonFile& file, bool is_plugin, const std::filesystem::path& root, ProjectScan& found);

// "tests/conftest.py:3": where `offset` of `file` is, relative to `root`.
std::string where_in(PythonFile& file, std::size_t offset, const std::filesystem::path& root);

}  // namespace paralint::python
