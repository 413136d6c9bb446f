#pragma once
// The effective configuration: what pytest, started in one directory, reads. Rules and
// fixes read this model, never the raw text; every value keeps the span it came from.

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "paralint/read/ini_reader.hpp"
#include "paralint/read/source_text.hpp"
#include "paralint/read/value.hpp"
#include "paralint/schema/version.hpp"

namespace paralint {

// How pytest holds a value: "ini" values are strings (lists only from TOML arrays) and
// are coerced by the key's type; "toml" values (pytest >= 9 native tables) keep their
// TOML type and must already have the right one.
enum class ValueMode { Ini, Toml };

struct ConfigEntry {
  std::string key;
  Span key_span;
  Value value;
  ValueMode mode = ValueMode::Ini;
  std::vector<ValuePiece> pieces;  // INI values: where each joined line came from
};

// An error pytest stops on. `line` is 0 when pytest's message names no line.
// The most addopts arguments paralint models: far above any real config (dozens), and low
// enough that a hostile one cannot exhaust memory (each argument costs ~600 bytes in check).
inline constexpr std::size_t kMaxAddoptsArguments = 100'000;

struct ConfigError {
  std::filesystem::path file;
  std::size_t line = 0;
  std::size_t column = 0;
  std::string message;  // pytest's wording without the file prefix
  // The key whose value pytest failed on when it read it (e.g. "addopts"), empty when the
  // file itself could not be read.
  std::string key = {};
  // Not an error pytest meets: the file is beyond what paralint reads (kKeyNestingLimit,
  // kMaxAddoptsArguments).
  bool beyond_reader_limit = false;
};

struct AddoptsToken {
  Value value;  // a string, or whatever a TOML list element holds
  Span span;
  bool from_environment = false;  // PYTEST_ADDOPTS
};

struct MarkerDeclaration {
  std::string line;         // the declaration as pytest reads it
  std::string name;         // as pytest registers it: before the first ':' then '('
  std::string description;  // after the first ':'
  Span span;
};

enum class CandidateStatus {
  Chosen,           // the config file
  Shadowed,         // holds pytest config, but a file earlier in the order won
  NotPytestConfig,  // exists but has no section/table pytest reads from it
  NotARegularFile,  // a directory or a dangling symlink with a config file's name
  Broken,           // pytest could not read it (see error)
};

struct Candidate {
  std::filesystem::path path;
  CandidateStatus status = CandidateStatus::NotPytestConfig;
  std::optional<std::string> section;  // the pytest section it holds, if any
  std::optional<ConfigError> error;
};

struct EffectiveConfig {
  std::filesystem::path start_dir;
  Behaviour behaviour;
  std::optional<std::filesystem::path> configfile;
  std::optional<std::string> section;
  std::filesystem::path rootdir;
  ValueMode mode = ValueMode::Ini;
  std::vector<ConfigEntry> ini;
  std::vector<AddoptsToken> addopts;
  std::vector<MarkerDeclaration> markers;
  std::optional<ConfigError> parse_error;
  std::vector<Candidate> candidates;       // every file examined, in pytest's order
  std::shared_ptr<const SourceText> source;  // the chosen file's bytes

  // The first entry named `key`, by hash lookup: rules ask for keys while walking all of
  // them, and a linear search made 100,000 keys take minutes.
  [[nodiscard]] const ConfigEntry* find(std::string_view key) const;

 private:
  // ini's positions by key, (re)built when `ini` has changed size since (it is filled once).
  struct KeyHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view key) const { return std::hash<std::string_view>{}(key); }
  };
  mutable std::unordered_map<std::string, std::size_t, KeyHash, std::equal_to<>> index_;
  mutable std::size_t indexed_entries_ = 0;
};

// One line of a string value read as pytest's "linelist" type (split on "\n", each line
// stripped, empty ones dropped), with its bytes in the file when the value keeps its pieces.
struct ValueLine {
  std::string text;
  Span span;               // the line's own bytes, or the whole value's when !own_bytes
  bool own_bytes = false;
};
std::vector<ValueLine> linelist_lines(const ConfigEntry& entry);

struct DiscoveryOptions {
  std::optional<std::filesystem::path> config_file;  // -c FILE
  std::optional<std::string> environment_addopts;    // PYTEST_ADDOPTS
  // Read the files after the chosen one in its directory, to list them as shadowed (or
  // broken) candidates. pytest before 9 never reads them, so without them the config is the
  // same: `dump`, which shows no candidates, skips them (a sixth of its work over the corpus).
  // pytest 9 parses them itself, and they are read whatever this says.
  bool read_shadowed = true;
  // Build only the TOML tables pytest's config loading reads ([tool.pytest], [pytest]); each
  // file is still read whole and refused where tomllib refuses it. `dump` reads nothing else,
  // while `check`'s rules read the rest of the same documents, so they build them whole once.
  bool build_pytest_tables_only = false;
};

// The file names pytest looks for in each directory, in its order, for these versions.
std::vector<std::string_view> config_file_names(const Behaviour& behaviour);

// Finds and reads the config pytest uses when started with `start` as its argument.
EffectiveConfig discover(const std::filesystem::path& start, const Behaviour& behaviour,
                         const DiscoveryOptions& options = {});

}  // namespace paralint
