#pragma once
// The walk behind the stairway and no-trace checks of `migrate test` (SPEC §15), pytest-alembic's
// test_up_down_consistency and the like: for every revision in the order `upgrade heads` runs
// them from base, upgrade it, downgrade it, compare what the downgrade left with what was there
// before the upgrade, and upgrade it again, so that the next revision starts from its parent.
//
// Only the tables a revision's operations name are compared (tables_named.h), which keeps a
// history of n revisions at n small reflections instead of n reflections of a growing schema;
// a revision that runs `execute` SQL is compared on the whole schema.
#include <vector>

#include "commands/environment.h"
#include "commands/test_checks.h"
#include "migrate/runtime/migration_context.h"
#include "migrate/script/script.h"

namespace migrate::commands {

struct StairwayResult {
  // The step that failed, if one did (check "stairway"): the database is then where that
  // failure left it, so the walk stops there.
  std::vector<TestFailure> steps;
  // What a downgrade left different (check "no_trace"), one failure per difference.
  std::vector<TestFailure> traces;
};

// `scripts`: in the order `upgrade heads` runs them from base. The database is at base on entry
// and, when no step fails, at the heads on return.
[[nodiscard]] StairwayResult walk_stairway(Database& db, MigrationContext& context,
                                           const TableName& version_table,
                                           const std::vector<Script>& scripts);

}  // namespace migrate::commands
