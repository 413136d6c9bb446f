#include "paralint/rules/profile.hpp"

#include <algorithm>
#include <stdexcept>

#include "paralint/util/embedded_data.hpp"
#include "read/tomlpp.hpp"

namespace paralint {

namespace {

constexpr std::string_view kProfileFolder = "rules/profiles/";

std::vector<std::string> strings_of(const toml::node_view<const toml::node>& node) {
  std::vector<std::string> out;
  if (const auto* array = node.as_array()) {
    for (const auto& item : *array) out.emplace_back(item.value_or(std::string_view()));
  }
  return out;
}

Profile parse_profile(std::string_view name, std::string_view text) {
  auto parsed = toml::parse(text, name);
  if (!parsed) throw std::logic_error(std::string(name) + ": " + std::string(parsed.error().description()));
  const auto& table = parsed.table();
  Profile profile{std::string(table["name"].value_or(std::string_view())),
                  std::string(table["summary"].value_or(std::string_view())), strings_of(table["select"]), {}};
  if (const auto* changes = table["change"].as_array()) {
    for (const auto& change : *changes) {
      const toml::node_view<const toml::node> view(change);
      profile.changes.push_back({strings_of(view["rules"]), std::string(view["does"].value_or(std::string_view()))});
    }
  }
  return profile;
}

}  // namespace

const std::vector<Profile>& profiles() {
  static const std::vector<Profile> loaded = [] {
    std::vector<Profile> out;
    for (const auto& file : embedded_files()) {
      if (file.name.starts_with(kProfileFolder) && file.name.ends_with(".toml")) {
        out.push_back(parse_profile(file.name, file.contents));
      }
    }
    std::sort(out.begin(), out.end(), [](const Profile& a, const Profile& b) { return a.name < b.name; });
    return out;
  }();
  return loaded;
}

std::vector<std::string> profile_names() {
  std::vector<std::string> names;
  for (const auto& file : embedded_files()) {
    if (file.name.starts_with(kProfileFolder) && file.name.ends_with(".toml")) {
      auto name = file.name.substr(kProfileFolder.size());
      name.remove_suffix(std::string_view(".toml").size());
      names.emplace_back(name);
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

const Profile* find_profile(std::string_view name) {
  const auto& all = profiles();
  const auto found = std::find_if(all.begin(), all.end(), [&](const Profile& profile) { return profile.name == name; });
  return found == all.end() ? nullptr : &*found;
}

}  // namespace paralint
