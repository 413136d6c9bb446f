#pragma once
// What the commands share: the exit code of a usage error, standard output written with its
// errors seen, and the options that say which releases are modelled and which settings apply.

#include <CLI/CLI.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "paralint/model/environment.hpp"
#include "paralint/rules/settings.hpp"
#include "paralint/util/subprocess.hpp"

namespace paralint::cli {

constexpr int kExitUsage = 2;

// The first error writing standard output: a report that did not reach its reader (a full
// disk, a closed descriptor) must not pass a CI gate, whatever it found. 0 while none.
int& output_errno();

// Writes to standard output directly, so that a failed write is seen with its reason.
void emit(std::string_view text);

// A report's pieces gathered into 64 KiB writes: it is written as it is made, in few calls.
class ChunkedOutput {
 public:
  explicit ChunkedOutput(std::function<void(std::string_view)> write) : write_(std::move(write)) {}
  void operator()(std::string_view text) {
    buffer_ += text;
    if (buffer_.size() >= kChunkBytes) flush();
  }
  void flush() {
    if (!buffer_.empty()) write_(buffer_);
    buffer_.clear();
  }

 private:
  static constexpr std::size_t kChunkBytes = std::size_t{64} * 1024;
  std::function<void(std::string_view)> write_;
  std::string buffer_;
};

struct ModelOptions {
  std::optional<std::string> pytest_version;
  std::optional<std::string> iniconfig_version;
  std::optional<std::string> python;
  std::optional<std::string> config_file;
  unsigned python_timeout = default_timeout_seconds();
  bool use_environment = false;
};

// Which releases are modelled; add_model_options adds how the config is found.
void add_version_options(CLI::App& command, ModelOptions& options);
void add_model_options(CLI::App& command, ModelOptions& options);

// --python, asked once per run (with its timeout set first); false, having said why, when the
// interpreter cannot be used.
bool probe_requested_python(const ModelOptions& options, std::optional<PythonEnvironment>& python);

// The flags that override paralint's settings files (src/rules/settings.cpp), for check and config.
struct SettingsFlags {
  SettingsOverrides overrides;
  bool isolated = false;
  std::optional<std::string> file;
};

void add_settings_options(CLI::App& command, SettingsFlags& flags);
SettingsResolver settings_resolver(const SettingsFlags& flags, const ModelOptions& model);

}  // namespace paralint::cli
