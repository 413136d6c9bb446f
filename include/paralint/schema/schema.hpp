#pragma once
// What pytest and each plugin register, read from the embedded schemas/*.toml (format in
// schemas/README.md): ini keys, command-line options and markers, each with the releases
// that have it. Rules ask these tables; no fact about an option lives in C++ code. What only
// people read (help texts, how each fact was obtained) stays in the files.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "paralint/schema/version.hpp"

namespace paralint {

// When something exists: [since, removed), with an optional deprecation.
struct Availability {
  std::optional<Version> since;
  std::optional<Version> removed;
  std::optional<Version> deprecated;
  std::string deprecation;

  [[nodiscard]] bool in(const Version& version) const;
  [[nodiscard]] bool deprecated_in(const Version& version) const;
};

struct IniAlias {
  std::string name;
  std::optional<Version> since;
};

struct IniKeySchema {
  std::string name;
  std::string type;  // addini type: string, bool, args, linelist, paths, pathlist, int, float
  std::string default_repr;
  std::string value;  // conversion applied to a string value when read ("float", "int", "bool"), if any
  std::vector<std::string> choices;
  std::map<std::string, Version, std::less<>> choices_since;
  // What the reader does with a value outside `choices` or failing `value`: true when it
  // raises (the default), false when it quietly falls back (on_invalid = "ignored").
  bool invalid_raises = true;
  std::vector<IniAlias> aliases;
  Availability availability;

  [[nodiscard]] std::vector<std::string> choices_in(const Version& version) const;
};

// How many argv tokens an option consumes after its name.
enum class Arity { None, One, Optional, ZeroOrMore, OneOrMore };

struct OptionSchema {
  std::vector<std::string> names;
  std::string dest;
  std::string action;
  Arity arity = Arity::One;
  std::string type;  // argparse type name: int, float, parse_numprocesses, … (empty: str)
  std::vector<std::string> choices;
  std::map<std::string, Version, std::less<>> choices_since;
  std::string default_repr;
  Availability availability;

  // The choices the given release accepts.
  [[nodiscard]] std::vector<std::string> choices_in(const Version& version) const;
  [[nodiscard]] std::string display_names() const;  // "-n/--numprocesses"
};

struct MarkerSchema {
  std::string name;
  std::string line;
  Availability availability;
};

// A plugin module pytest ships in _pytest/ and imports by its short name (`-p NAME`
// resolves it without searching sys.path).
struct BuiltinPluginSchema {
  std::string name;  // "terminal": _pytest.terminal
  Availability availability;
};

struct ComponentSchema {
  std::string name;  // distribution name, e.g. "pytest-xdist"; "pytest" for the core
  std::vector<std::string> short_names;
  std::vector<std::string> entry_points;
  std::vector<Version> releases;  // ascending
  std::vector<IniKeySchema> ini;
  std::vector<OptionSchema> options;
  std::vector<MarkerSchema> markers;
  std::vector<BuiltinPluginSchema> builtin_plugins;  // the core's _pytest.config.builtin_plugins
  std::vector<std::string> normalized_names;  // name, short names, entry points, PEP 503-normalised

  [[nodiscard]] bool is_core() const { return name == "pytest"; }
  [[nodiscard]] const Version& newest() const { return releases.back(); }
  // By name or alias. A name can have several entries (its type or choices changed between
  // releases); the one available at `release` wins, else the newest entry.
  [[nodiscard]] const IniKeySchema* find_ini(std::string_view key, std::optional<Version> release = std::nullopt) const;
  [[nodiscard]] const OptionSchema* find_option(std::string_view flag, std::optional<Version> release = std::nullopt) const;
  // The newest listed release satisfying every specifier (">=3.2", "==3.6.*"), or nullopt.
  [[nodiscard]] std::optional<Version> newest_satisfying(const std::vector<std::string>& specifiers) const;
  // Whether `name` (a distribution, import or entry-point name, any case, - or _) names it.
  [[nodiscard]] bool known_as(std::string_view candidate) const;
};

class SchemaSet {
 public:
  // Every schemas/*.toml except versions.toml, the core first. The files are compiled at
  // build time (tools/schema_compiler.cpp) into a blob that loads without parsing TOML,
  // so that a pre-commit run does not spend its milliseconds reading data files.
  static const SchemaSet& embedded();
  // (file name, TOML text) pairs.
  static SchemaSet parse(const std::vector<std::pair<std::string, std::string>>& files);
  [[nodiscard]] std::string to_blob() const;
  static SchemaSet from_blob(std::string_view blob);

  [[nodiscard]] const ComponentSchema& core() const { return components_.front(); }
  [[nodiscard]] const std::vector<ComponentSchema>& components() const { return components_; }
  [[nodiscard]] const ComponentSchema* find(std::string_view name) const;  // any known_as name
  // The components that register an ini key (by name or alias) or a marker in any release, in
  // components() order: one hash lookup, however many plugins paralint knows.
  [[nodiscard]] const std::vector<const ComponentSchema*>& with_ini_key(std::string_view key) const;
  [[nodiscard]] const std::vector<const ComponentSchema*>& with_marker(std::string_view name) const;

 private:
  struct NameHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view name) const { return std::hash<std::string_view>{}(name); }
  };
  using NameIndex = std::unordered_map<std::string, std::vector<const ComponentSchema*>, NameHash, std::equal_to<>>;
  void build_indexes();
  static const std::vector<const ComponentSchema*>& owners_in(const NameIndex& index, std::string_view name);

  std::vector<ComponentSchema> components_;
  NameIndex ini_keys_;
  NameIndex markers_;
  NameIndex normalized_names_;  // each component's normalized_names
};

// PEP 503 normalisation: lower case, runs of -_. become "-".
std::string normalize_distribution_name(std::string_view name);

}  // namespace paralint
