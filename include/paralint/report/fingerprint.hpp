#pragma once
// Identities of diagnostics that survive unrelated edits: GitHub code scanning and GitLab's
// Code Quality widget match a result across runs by its fingerprint, so a fingerprint that
// changed whenever a line above moved would close and reopen every alert.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "paralint/rules/diagnostic.hpp"

namespace paralint {

// 64-bit FNV-1a: small, fixed by its definition, so fingerprints do not change with the
// compiler or the standard library (std::hash may).
std::uint64_t fnv1a_64(std::string_view bytes);

// One fingerprint per diagnostic, in report order: 16 hex digits hashing the rule code, the
// file as reported (relative to `base` when inside it) and the exact text the span covers.
// No line or column goes in, so moving the entry keeps it; editing the flagged text or
// renaming the file gives a new one. The n-th repeat of the same code, file and text also
// hashes n, so every fingerprint in a report is distinct (GitLab shows one issue per
// fingerprint).
class Fingerprinter {
 public:
  explicit Fingerprinter(std::filesystem::path base) : base_(std::move(base)) {}
  // The fingerprint of the next diagnostic in report order.
  std::string next(const Diagnostic& diagnostic);

 private:
  std::filesystem::path base_;
  // Repeats are counted by the hash of code, file and text, not the text itself, so that a
  // report's memory does not grow with every flagged line it has written.
  std::unordered_map<std::uint64_t, std::size_t> repeats_;
};

}  // namespace paralint
