#include "rules/gate/strictness.hpp"

#include "paralint/read/python_text.hpp"

namespace paralint::rules {

namespace {

const Version kAddoptsFlagsHonoured{9, 1, 0};

// A core flag in addopts that writes `dest`, as pytest would honour it.
const ParsedOption* honoured_flag(const CheckContext& context, std::string_view dest) {
  const auto* option = context.addopts.find_dest("pytest", dest);
  if (option == nullptr || !option->exists_in_version) return nullptr;
  const auto& pytest = context.target.pytest();
  if (pytest >= kStrictKeys && pytest < kAddoptsFlagsHonoured) return nullptr;
  return option;
}

StrictnessSetting from_key(const CheckContext& context, std::string_view key) {
  const ConfigEntry* entry = nullptr;
  const auto value = bool_key(context, key, &entry);
  if (!value) return {};
  return {*value, "`" + entry->key + " = " + (*value ? "true" : "false") + "`", entry->key_span};
}

StrictnessSetting from_flag(const ParsedOption& option) { return {true, "`" + option.flag + "` in addopts", option.span}; }

}  // namespace

std::optional<bool> bool_key(const CheckContext& context, std::string_view key, const ConfigEntry** found) {
  const auto* entry = context.config.find(key);
  if (entry == nullptr) return std::nullopt;
  if (found != nullptr) *found = entry;
  if (entry->value.kind == Value::Kind::Boolean) return entry->value.boolean;
  if (entry->mode == ValueMode::Toml || !entry->value.is_string()) return std::nullopt;
  return python::strtobool(python::strip(entry->value.string));
}

StrictnessSetting strict_config(const CheckContext& context) {
  const auto& pytest = context.target.pytest();
  if (const auto* flag = honoured_flag(context, "strict_config")) return from_flag(*flag);
  if (pytest < kStrictKeys) return {};
  if (auto setting = from_key(context, "strict_config"); !setting.source.empty()) return setting;
  if (const auto* flag = honoured_flag(context, "strict")) return from_flag(*flag);
  return from_key(context, "strict");
}

StrictnessSetting strict_xfail(const CheckContext& context) {
  const auto& pytest = context.target.pytest();
  if (pytest < kStrictKeys) return from_key(context, "xfail_strict");
  for (const std::string_view key : {"strict_xfail", "xfail_strict"}) {
    if (auto setting = from_key(context, key); !setting.source.empty()) return setting;
  }
  if (const auto* flag = honoured_flag(context, "strict")) return from_flag(*flag);
  return from_key(context, "strict");
}

const ParsedOption* ignored_strictness_flag(const CheckContext& context, std::string_view dest) {
  const auto& pytest = context.target.pytest();
  if (pytest < kStrictKeys || pytest >= kAddoptsFlagsHonoured) return nullptr;
  const auto* option = context.addopts.find_dest("pytest", dest);
  return option != nullptr && option->exists_in_version ? option : nullptr;
}

}  // namespace paralint::rules
