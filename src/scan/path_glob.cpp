#include "paralint/scan/path_glob.hpp"

namespace paralint {

namespace fs = std::filesystem;

namespace {

fs::path normal_absolute(const fs::path& path) { return fs::absolute(path).lexically_normal(); }

}  // namespace

std::optional<PathGlob> PathGlob::compile(std::string_view pattern, const fs::path& base, std::string& error) {
  std::string_view glob = pattern;
  while (glob.starts_with("./")) glob.remove_prefix(2);
  const bool anchored = glob.starts_with('/');
  while (glob.starts_with('/')) glob.remove_prefix(1);
  while (glob.ends_with('/')) glob.remove_suffix(1);
  if (glob.empty()) {
    error = "names no file";
    return std::nullopt;
  }
  Glob compiled(glob);
  if (!compiled.usable()) {
    error = "not a glob (an unclosed `[`, an unknown `[:class:]` or a trailing `\\`)";
    return std::nullopt;
  }
  PathGlob result;
  result.pattern_ = std::string(pattern);
  result.base_ = normal_absolute(base);
  result.any_depth_ = !anchored && glob.find('/') == std::string_view::npos;
  result.glob_ = std::move(compiled);
  return result;
}

bool PathGlob::matches(const fs::path& path) const {
  const auto absolute = normal_absolute(path);
  const auto relative = absolute.lexically_relative(base_);
  const bool inside = !relative.empty() && *relative.begin() != "..";
  if (!inside) return any_depth_ && glob_.matches(absolute.filename().string());
  // The path itself or a directory it is in.
  std::string prefix;
  for (const auto& part : relative) {
    const auto name = part.string();
    if (name == ".") continue;
    prefix += (prefix.empty() ? "" : "/") + name;
    if (glob_.matches(any_depth_ ? name : prefix)) return true;
  }
  return false;
}

}  // namespace paralint
