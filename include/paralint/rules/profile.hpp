#pragma once
// Profiles (rules/profiles/NAME.toml): a named selection of rules added to the one in force,
// so that `--profile parallel` reports and fixes what a parallel-ready config needs.

#include <string>
#include <vector>

namespace paralint {

struct ProfileChange {
  std::vector<std::string> rules;
  std::string does;
};

struct Profile {
  std::string name;
  std::string summary;
  std::vector<std::string> select;  // codes or prefixes, as --extend-select takes them
  std::vector<ProfileChange> changes;
};

const std::vector<Profile>& profiles();
const Profile* find_profile(std::string_view name);
// The profiles' names, from their file names (rules/profiles/NAME.toml), without parsing them:
// what the command line offers. The unit tests hold each file's `name` to its file name.
std::vector<std::string> profile_names();

}  // namespace paralint
