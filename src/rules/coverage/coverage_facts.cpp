#include "rules/coverage/coverage_facts.hpp"

namespace paralint::rules {

CoverageStart coverage_start(const CheckContext& context) {
  CoverageStart start;
  for (const auto& option : context.addopts.options) {
    if (option.component == nullptr || option.component->name != "pytest-cov" || option.option == nullptr ||
        option.owner != OptionOwner::Active) {
      continue;
    }
    if (option.option->dest == "cov_source") {
      start.started = true;
      start.certain = option.presence == Presence::Installed;
      start.source_given = start.source_given || (option.value && !option.value->empty());
    } else if (option.option->dest == "cov_config" && option.value) {
      start.rcfile = *option.value;
      start.rcfile_span = option.span;
    } else if (option.option->dest == "cov_branch") {
      start.branch = true;
    }
  }
  return start;
}

CoverageReading read_by_coverage(const CheckContext& context, const CoverageStart& start, const CoverageSchema& schema) {
  CoverageReading reading;
  for (auto& file : coverage_config_files(context.config.start_dir, start.rcfile)) {
    // CoverageConfig.from_file: a file of coverage's own is used; another only when it sets
    // an option coverage reads, or [paths].
    bool used = file.ours;
    for (const auto& section_name : schema.sections()) {
      const auto* section = file.find(section_name);
      if (section == nullptr) continue;
      for (const auto& option : section->options) {
        used = used || schema.knows(section_name, option.name) != CoverageSchema::Knows::NoRelease;
      }
    }
    if (const auto* paths = file.find("paths"); paths != nullptr && !paths->options.empty()) used = true;
    const bool unreadable = file.error.has_value();
    reading.files.push_back(std::move(file));
    if (unreadable) break;
    if (used) {
      reading.settled = true;
      break;
    }
  }
  return reading;
}

const CoverageFile* CoverageCheck::used() const {
  return reading.settled && !reading.files.back().error ? &reading.files.back() : nullptr;
}

const CoverageSection* CoverageCheck::run() const {
  const auto* file = used();
  return file != nullptr ? file->find("run") : nullptr;
}

}  // namespace paralint::rules
