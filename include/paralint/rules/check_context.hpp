#pragma once
// Everything a rule may read: the effective config, every config file pytest examined (read
// as data, for rules about files pytest does not use), the target environment, the schemas,
// what the project registers itself, and addopts parsed as pytest's argparse parser would.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "paralint/model/addopts_model.hpp"
#include "paralint/model/config_model.hpp"
#include "paralint/model/environment.hpp"
#include "paralint/model/target.hpp"
#include "paralint/read/ini_reader.hpp"
#include "paralint/read/toml_reader.hpp"
#include "paralint/rules/diagnostic.hpp"
#include "paralint/rules/measured_profile.hpp"
#include "paralint/scan/project_scan.hpp"
#include "paralint/schema/schema.hpp"

namespace paralint {

// One config-named file as data: every section/table it holds, whether pytest reads it or not.
// Besides the candidates pytest examined, the documents include files in the directories it
// walked whose names only other pytest releases look for (pytest.toml before 9.0,
// .pytest.ini before 7.2), with status NotPytestConfig.
struct ConfigDocument {
  std::shared_ptr<const SourceText> source;
  CandidateStatus status = CandidateStatus::NotPytestConfig;
  std::optional<IniDocument> ini;    // pytest.ini, .pytest.ini, tox.ini, setup.cfg
  const TomlDocument* toml = nullptr;  // pyproject.toml, pytest.toml, .pytest.toml (read_toml_once's)

  [[nodiscard]] std::string file_name() const { return source->path().filename().string(); }
};

// Where an ini key comes from in the target environment.
struct KeyOwner {
  const ComponentSchema* component = nullptr;  // null: the project registers it
  const IniKeySchema* key = nullptr;
  Presence presence = Presence::Installed;
  bool exists_in_version = true;
};

struct CheckContext {
  const EffectiveConfig& config;
  const Target& target;
  const SchemaSet& schemas;
  const ProjectScan& project;
  const ParsedAddopts& addopts;
  const std::vector<ConfigDocument>& documents;
  // When the checked path is a config file that pytest started in its directory does not
  // use: that directory's own reading (`config` is then the file read as `-c FILE`).
  const EffectiveConfig* directory_config = nullptr;
  // What the project declares it depends on (pyproject, requirements*.txt, tox.ini deps).
  const std::vector<Requirement>* requirements = nullptr;
  // What `paralint bench` measured fastest (--bench-report), for P003.
  const MeasuredProfile* measured = nullptr;

  // Every component that has `key` (at any release), the best match first: present and in
  // version, then unknown presence, then absent. Empty when nothing knows it.
  [[nodiscard]] std::vector<KeyOwner> owners_of_key(std::string_view key) const;
  // The release of `component` being modelled (pytest's for the core).
  [[nodiscard]] Version version_of(const ComponentSchema& component) const;
  [[nodiscard]] Presence presence_of(const ComponentSchema& component) const;
  // The chosen file as a document, when pytest could read one.
  [[nodiscard]] const ConfigDocument* chosen_document() const;
  // Location of a span in the chosen config file.
  [[nodiscard]] Location at(Span span) const { return Location::in(config.source, span); }
};

}  // namespace paralint
