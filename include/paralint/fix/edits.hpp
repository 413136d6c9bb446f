#pragma once
// Applying fixes: the one place where span edits become new file contents. Rules only
// describe edits (a span of the bytes they read and its replacement); the edits of fixes that
// can go together are chosen here, and applied to each file in one pass, so every byte
// outside an edit stays as it was: comments, order, quoting, indentation, line endings, BOM.

#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "paralint/rules/diagnostic.hpp"

namespace paralint {

// The edits of one file that were chosen, in order, and the source they apply to.
struct FileEdits {
  std::shared_ptr<const SourceText> source;
  std::vector<Edit> edits;  // sorted by position; none overlaps or touches another fix's
};

struct ChosenFixes {
  std::map<std::filesystem::path, FileEdits> files;
  std::size_t applied = 0;  // fixes taken whole
  std::vector<std::size_t> taken;  // their indices among the fixes offered, in order
  std::size_t deferred = 0;  // fixes that met an edit already taken: for the next pass
  std::size_t invalid = 0;  // fixes that are not well formed (see choose_fixes)
};

// Takes the fixes in order, each whole or not at all: a fix is deferred when one of its
// edits overlaps or touches (an insertion where another edit starts or ends) an edit of a
// fix already taken, as ruff does; re-checking the fixed file offers it again if it still
// applies. A fix whose edits lie outside the bytes of their file, overlap each other, or
// refer to two different readings of the same file, is never applied.
ChosenFixes choose_fixes(const std::vector<const Fix*>& fixes);

// `text` with `edits` applied (sorted, not overlapping, within `text`).
std::string apply_edits(std::string_view text, const std::vector<Edit>& edits);

}  // namespace paralint
