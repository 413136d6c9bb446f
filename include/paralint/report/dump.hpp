#pragma once
// `paralint dump`: the effective config as one JSON object, field for field what the
// pytest oracle (../shared/oracle) prints at parse level, then what was modelled.

#include <filesystem>
#include <optional>
#include <string>

#include "paralint/model/config_model.hpp"
#include "paralint/model/environment.hpp"

namespace paralint {

// `dir_argument` is DIR as the user wrote it; paths inside it are shown relative to it.
std::string dump_row(const std::string& dir_argument, const EffectiveConfig& config, const ModelledVersions& versions);

// "pytest.ini:4: duplicate name 'addopts'": the error with its file shown relative to
// `base` when inside it.
std::string describe_error(const ConfigError& error, const std::filesystem::path& base);

}  // namespace paralint
