// The compiled form of the schemas and of the known versions: every field written in
// declaration order, strings and sequences length-prefixed. Only this file writes and reads it, and the blob is rebuilt
// with the binary, so there is no versioning.

#include <cstdint>
#include <cstring>
#include <stdexcept>

#include "paralint/schema/schema.hpp"
#include "paralint/schema/version.hpp"

namespace paralint {

namespace {

class Writer {
 public:
  void put(std::uint32_t number) { out_.append(reinterpret_cast<const char*>(&number), sizeof number); }
  void put(const std::string& text) {
    put(static_cast<std::uint32_t>(text.size()));
    out_ += text;
  }
  void put(const Version& version) {
    for (const int part : {version.major, version.minor, version.patch}) put(static_cast<std::uint32_t>(part));
  }
  template <typename T>
  void put(const std::optional<T>& value) {
    put(static_cast<std::uint32_t>(value.has_value()));
    if (value) put(*value);
  }
  template <typename T>
  void put(const std::vector<T>& items) {
    put(static_cast<std::uint32_t>(items.size()));
    for (const auto& item : items) put(item);
  }
  void put(const std::map<std::string, Version, std::less<>>& map) {
    put(static_cast<std::uint32_t>(map.size()));
    for (const auto& [key, version] : map) {
      put(key);
      put(version);
    }
  }
  void put(const Availability& value) {
    put(value.since);
    put(value.removed);
    put(value.deprecated);
    put(value.deprecation);
  }
  void put(const IniAlias& alias) {
    put(alias.name);
    put(alias.since);
  }
  void put(const IniKeySchema& key) {
    put(key.name);
    put(key.type);
    put(key.default_repr);
    put(key.value);
    put(key.choices);
    put(key.choices_since);
    put(static_cast<std::uint32_t>(key.invalid_raises));
    put(key.aliases);
    put(key.availability);
  }
  void put(const OptionSchema& option) {
    put(option.names);
    put(option.dest);
    put(option.action);
    put(static_cast<std::uint32_t>(option.arity));
    put(option.type);
    put(option.choices);
    put(option.choices_since);
    put(option.default_repr);
    put(option.availability);
  }
  void put(const VersionChange& change) {
    put(change.id);
    put(change.since);
    put(change.what);
  }
  void put(const ComponentReleases& component) {
    put(component.releases);
    put(component.changes);
  }
  void put(const MarkerSchema& marker) {
    put(marker.name);
    put(marker.line);
    put(marker.availability);
  }
  void put(const BuiltinPluginSchema& plugin) {
    put(plugin.name);
    put(plugin.availability);
  }
  void put(const ComponentSchema& component) {
    put(component.name);
    put(component.short_names);
    put(component.entry_points);
    put(component.releases);
    put(component.ini);
    put(component.options);
    put(component.markers);
    put(component.builtin_plugins);
    put(component.normalized_names);
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view blob) : blob_(blob) {}

  void get(std::uint32_t& number) {
    if (blob_.size() < sizeof number) throw std::logic_error("schema blob truncated");
    std::memcpy(&number, blob_.data(), sizeof number);
    blob_.remove_prefix(sizeof number);
  }
  std::uint32_t count() {
    std::uint32_t number = 0;
    get(number);
    return number;
  }
  void get(std::string& text) {
    const auto size = count();
    if (blob_.size() < size) throw std::logic_error("schema blob truncated");
    text.assign(blob_.substr(0, size));
    blob_.remove_prefix(size);
  }
  void get(int& part) { part = static_cast<int>(count()); }
  void get(Version& version) {
    get(version.major);
    get(version.minor);
    get(version.patch);
  }
  template <typename T>
  void get(std::optional<T>& value) {
    value.reset();
    if (count() != 0) get(value.emplace());
  }
  template <typename T>
  void get(std::vector<T>& items) {
    items.resize(count());
    for (auto& item : items) get(item);
  }
  void get(std::map<std::string, Version, std::less<>>& map) {
    for (auto entries = count(); entries > 0; --entries) {
      std::string key;
      Version version;
      get(key);
      get(version);
      map.emplace(std::move(key), version);
    }
  }
  void get(Availability& value) {
    get(value.since);
    get(value.removed);
    get(value.deprecated);
    get(value.deprecation);
  }
  void get(IniAlias& alias) {
    get(alias.name);
    get(alias.since);
  }
  void get(IniKeySchema& key) {
    get(key.name);
    get(key.type);
    get(key.default_repr);
    get(key.value);
    get(key.choices);
    get(key.choices_since);
    key.invalid_raises = count() != 0;
    get(key.aliases);
    get(key.availability);
  }
  void get(OptionSchema& option) {
    get(option.names);
    get(option.dest);
    get(option.action);
    option.arity = static_cast<Arity>(count());
    get(option.type);
    get(option.choices);
    get(option.choices_since);
    get(option.default_repr);
    get(option.availability);
  }
  void get(VersionChange& change) {
    get(change.id);
    get(change.since);
    get(change.what);
  }
  void get(ComponentReleases& component) {
    get(component.releases);
    get(component.changes);
  }
  void get(MarkerSchema& marker) {
    get(marker.name);
    get(marker.line);
    get(marker.availability);
  }
  void get(BuiltinPluginSchema& plugin) {
    get(plugin.name);
    get(plugin.availability);
  }
  void get(ComponentSchema& component) {
    get(component.name);
    get(component.short_names);
    get(component.entry_points);
    get(component.releases);
    get(component.ini);
    get(component.options);
    get(component.markers);
    get(component.builtin_plugins);
    get(component.normalized_names);
  }
  [[nodiscard]] bool done() const { return blob_.empty(); }

 private:
  std::string_view blob_;
};

}  // namespace

std::string SchemaSet::to_blob() const {
  Writer writer;
  writer.put(components_);
  return writer.take();
}

SchemaSet SchemaSet::from_blob(std::string_view blob) {
  Reader reader(blob);
  SchemaSet set;
  reader.get(set.components_);
  if (!reader.done() || set.components_.empty() || !set.components_.front().is_core()) {
    throw std::logic_error("schema blob is malformed");
  }
  set.build_indexes();
  return set;
}

std::string known_versions_to_blob(const KnownVersions& versions) {
  Writer writer;
  writer.put(versions.pytest);
  writer.put(versions.iniconfig);
  return writer.take();
}

KnownVersions known_versions_from_blob(std::string_view blob) {
  Reader reader(blob);
  KnownVersions versions;
  reader.get(versions.pytest);
  reader.get(versions.iniconfig);
  if (!reader.done() || versions.pytest.releases.empty() || versions.iniconfig.releases.empty()) {
    throw std::logic_error("versions blob is malformed");
  }
  return versions;
}

}  // namespace paralint
