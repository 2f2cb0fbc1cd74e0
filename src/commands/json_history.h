#pragma once
// --format json for `validate` (migrate.validate/1) and `status` (migrate.status/1): the
// documents about what ran on a database and how that compares with the scripts. Beside
// json_report.h, in a file of its own so that commands of other families do not rebuild with it.
#include <optional>
#include <string>
#include <vector>

#include "commands/validation.h"
#include "migrate/runtime/progress_table.h"
#include "migrate/script/script.h"

namespace migrate::commands::json {

// {"schema": "migrate.validate/1", "valid", "checked", "problems": [{kind, revision, path,
// message}], "unknown": [...]} and, when not valid, "error" and "exit_code".
[[nodiscard]] std::string validate(const Validation& result, const std::string& error);

// What `status` shows, as data.
struct StatusReport {
  std::string state;  // "up_to_date", "pending", "drift"
  int exit_code = 0;
  std::string error;                                      // the drift, as the FAILED line says it
  std::vector<const ScriptInfo*> current;                 // all_current(), as `current` lists it
  std::optional<PartialRecord> partial;                   // a migration left part-way (SPEC §13)
  std::vector<const ScriptInfo*> heads;                   // the scripts' heads
  std::vector<bool> head_applied;                         // ... and whether each is applied
  std::optional<std::vector<const ScriptInfo*>> pending;  // in upgrade order
  const Validation* validation = nullptr;
  std::vector<HistoryRow> recent;  // newest first
};
[[nodiscard]] std::string status(const StatusReport& report);

}  // namespace migrate::commands::json
