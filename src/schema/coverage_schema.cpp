#include "paralint/schema/coverage_schema.hpp"

#include <algorithm>
#include <stdexcept>

#include "paralint/util/embedded_data.hpp"
#include "read/tomlpp.hpp"

namespace paralint {

namespace {

[[noreturn]] void defect(const std::string& what) {
  throw std::logic_error("schemas/coverage/coverage.toml: " + what);
}

Version version_at(const toml::table& table, std::string_view key) {
  const auto text = table[key].value_or(std::string_view());
  const auto version = Version::parse(text);
  if (!version) defect("bad version `" + std::string(text) + "`");
  return *version;
}

}  // namespace

CoverageSchema CoverageSchema::parse(std::string_view text) {
  auto parsed = toml::parse(text, std::string_view("schemas/coverage/coverage.toml"));
  if (!parsed) defect(std::string(parsed.error().description()));
  const auto& root = parsed.table();
  CoverageSchema schema;
  if (const auto* releases = root["component"]["releases"].as_array()) {
    for (const auto& release : *releases) {
      const auto version = Version::parse(release.value_or(std::string_view()));
      if (!version) defect("bad release");
      schema.releases_.push_back(*version);
    }
  }
  if (schema.releases_.empty()) defect("no releases");
  if (const auto* options = root["option"].as_array()) {
    for (const auto& node : *options) {
      const auto& table = *node.as_table();
      CoverageOptionSchema option{std::string(table["section"].value_or(std::string_view())),
                                  std::string(table["name"].value_or(std::string_view())),
                                  std::string(table["type"].value_or(std::string_view("string"))),
                                  {}};
      if (table.contains("since")) option.availability.since = version_at(table, "since");
      if (table.contains("removed")) option.availability.removed = version_at(table, "removed");
      if (option.section.empty() || option.name.empty()) defect("an option without section or name");
      schema.options_.push_back(std::move(option));
    }
  }
  for (const auto& [key, list] : {std::pair{"choices", &schema.concurrency_choices_},
                                   std::pair{"exclusive", &schema.concurrency_exclusive_}}) {
    if (const auto* items = root["concurrency"][key].as_array()) {
      for (const auto& item : *items) list->emplace_back(item.value_or(std::string_view()));
    }
  }
  if (schema.concurrency_choices_.empty()) defect("no [concurrency] choices");
  return schema;
}

const CoverageSchema& CoverageSchema::embedded() {
  static const CoverageSchema schema = [] {
    const auto text = embedded_file("schemas/coverage/coverage.toml");
    if (!text) throw std::logic_error("schemas/coverage/coverage.toml is not embedded");
    return parse(*text);
  }();
  return schema;
}

std::vector<std::string> CoverageSchema::sections() const {
  std::vector<std::string> out;
  for (const auto& option : options_) {
    if (std::find(out.begin(), out.end(), option.section) == out.end()) out.push_back(option.section);
  }
  return out;
}

CoverageSchema::Knows CoverageSchema::knows(std::string_view section, std::string_view name) const {
  std::size_t releases_knowing = 0;
  for (const auto& release : releases_) {
    const bool known = std::any_of(options_.begin(), options_.end(), [&](const CoverageOptionSchema& option) {
      return option.section == section && option.name == name && option.availability.in(release);
    });
    if (known) ++releases_knowing;
  }
  if (releases_knowing == releases_.size()) return Knows::EveryRelease;
  return releases_knowing == 0 ? Knows::NoRelease : Knows::SomeReleases;
}

std::vector<std::string> CoverageSchema::names_in(std::string_view section) const {
  std::vector<std::string> out;
  for (const auto& option : options_) {
    if (option.section == section && std::find(out.begin(), out.end(), option.name) == out.end()) {
      out.push_back(option.name);
    }
  }
  return out;
}

}  // namespace paralint
