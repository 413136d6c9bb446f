#include "paralint/report/dump.hpp"

#include "paralint/report/json_writer.hpp"
#include "paralint/util/display_path.hpp"

namespace paralint {

namespace fs = std::filesystem;

std::string describe_error(const ConfigError& error, const fs::path& base) {
  std::string text = display_path(error.file, base);
  if (error.line > 0) {
    text += ":" + std::to_string(error.line);
    if (error.column > 0) text += ":" + std::to_string(error.column);
  }
  return text + ": " + error.message;
}

std::string dump_row(const std::string& dir_argument, const EffectiveConfig& config, const ModelledVersions& versions) {
  JsonWriter json;
  json.begin_object();
  json.key("dir");
  json.string(dir_argument);
  json.key("configfile");
  if (config.configfile) {
    json.string(display_path(*config.configfile, config.start_dir));
  } else {
    json.null();
  }
  json.key("section");
  if (config.section) {
    json.string(*config.section);
  } else {
    json.null();
  }
  json.key("ini");
  json.begin_object();
  for (const auto& entry : config.ini) {
    json.key(entry.key);
    json.value(entry.value);
  }
  json.end_object();
  json.key("addopts");
  json.begin_array();
  bool from_environment = false;
  for (const auto& token : config.addopts) {
    if (token.from_environment) {
      from_environment = true;
    } else {
      json.value(token.value);
    }
  }
  json.end_array();
  json.key("markers");
  json.begin_array();
  for (const auto& marker : config.markers) json.string(marker.name);
  json.end_array();
  json.key("parse_error");
  if (config.parse_error) {
    json.string(describe_error(*config.parse_error, config.start_dir));
  } else {
    json.null();
  }
  json.key("pytest_version");
  json.string(versions.pytest.str());
  json.key("iniconfig_version");
  json.string(versions.iniconfig.str());
  json.key("modelled");
  json.begin_object();
  json.key("pytest");
  json.string(versions.pytest_reason);
  json.key("iniconfig");
  json.string(versions.iniconfig_reason);
  json.end_object();
  if (from_environment) {
    json.key("environment_addopts");
    json.begin_array();
    for (const auto& token : config.addopts) {
      if (token.from_environment) json.value(token.value);
    }
    json.end_array();
  }
  json.end_object();
  return json.text();
}

}  // namespace paralint
