#pragma once
// `paralint migrate`: plans the move with plan_migration, prints it (--diff) or writes it,
// and says which file pytest reads afterwards.

#include <string>

#include "paralint/fix/migrate.hpp"
#include "paralint/rules/check.hpp"

namespace paralint {

// The process exit code: 0 moved, 1 with --diff (something would change), 2 when the move is
// refused or a file cannot be written.
// `request` gives the versions and the stated plugins (--plugins); its rule selection is unused.
int run_migration(const std::string& directory, const CheckRequest& request, const MigrationOptions& options,
                  bool diff_only);

}  // namespace paralint
