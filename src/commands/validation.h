#pragma once
// What `validate`, `status` and `upgrade` compare (SPEC §15): the revisions the database says
// are applied (its version table and its history table) with the scripts on disk. A problem is
// an applied script edited since it ran, an applied revision whose script is gone, or a pending
// script older than an applied one. A revision applied without a history row (by Alembic, or
// before migrate kept one) cannot be checked: it is "unknown", which is no problem.
#include <optional>
#include <string>
#include <vector>

#include "commands/environment.h"
#include "migrate/graph/plan.h"
#include "migrate/runtime/history_table.h"

namespace migrate::commands {

// What the database says, read once.
struct DatabaseRecord {
  std::vector<std::string> version_rows;  // as stored: may name revisions no script has
  std::vector<HistoryRow> history;        // oldest first
};
[[nodiscard]] DatabaseRecord read_record(const Environment& env, Database& db);

struct Finding {
  enum class Kind { edited, missing, out_of_order };
  Kind kind;
  std::string revision;
  std::string path;    // the script's file; empty for a missing one
  std::string detail;  // what was found, as a sentence fragment

  // "edited", "missing", "out of order"
  [[nodiscard]] std::string_view kind_name() const;
  // One line: "edited: 1975ea83b712 (migrations/versions/a.yaml): <detail>".
  [[nodiscard]] std::string line() const;
};

struct Validation {
  std::vector<Finding> problems;     // missing first, then edited, then out of order
  std::vector<std::string> unknown;  // applied revisions without a history row, in file order
  std::size_t checked = 0;           // applied revisions compared with their script
  std::vector<std::string> applied;  // every applied revision that has a script, in file order
  // What `upgrade heads` would run, in its order; nullopt when the version table names a
  // revision without a script, from which no plan can start.
  std::optional<std::vector<MigrationStep>> pending;

  // "1 edited script, 1 missing script"
  [[nodiscard]] std::string summary() const;
  // "2 applied revisions have no history row ...: a, b"; "" when there are none.
  [[nodiscard]] std::string unknown_line() const;
};

[[nodiscard]] Validation validate_record(const Environment& env, const DatabaseRecord& record);

// `upgrade`, before it runs anything (config `validate`): each problem as a warning on stderr;
// with `validate = strict` an Error instead, so that nothing runs.
void check_before_upgrade(const Environment& env, Database& db, const Output& out);

}  // namespace migrate::commands
