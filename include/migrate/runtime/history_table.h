#pragma once
// The history table (SPEC §15): one row per migration that ran or was reverted, beside the
// version table and named after it (`alembic_version_history`), so that `validate` can tell
// which applied scripts were edited since and `status` can show what ran when. The version table
// stays exactly Alembic's; Alembic never reads this one, and reflection leaves it out.
//
// Rows are written by the runner only: the success row with the migration's version-table
// change (in its transaction where DDL is transactional, so a rollback takes both back), a
// failed row afterwards in a transaction of its own. `--sql` and `stamp` write none.
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "migrate/dialects/dialect.h"
#include "migrate/graph/plan.h"

namespace migrate {

enum class Outcome { success, failed };

// A migration as it starts: what its row will say once it ends.
struct HistoryAttempt {
  std::string revision;
  Direction direction = Direction::up;
  std::string checksum;  // script_checksum(); empty when no script's operations ran (an undo)
  std::chrono::system_clock::time_point started;
};

// One row, as read back.
struct HistoryRow {
  std::int64_t id = 0;  // increasing in the order the rows were written
  std::string revision;
  Direction direction = Direction::up;
  std::string checksum;
  std::string started_at;  // ISO-8601 UTC to the millisecond: 2026-11-23T12:00:00.123Z
  std::string finished_at;
  std::int64_t duration_ms = 0;
  std::string migrate_version;
  Outcome outcome = Outcome::success;
  std::string error;  // what failed, for a failed row
};

// `2026-11-23T12:00:00.123Z`.
[[nodiscard]] std::string iso_utc(std::chrono::system_clock::time_point time);

class HistoryTable {
 public:
  HistoryTable(const Dialect& dialect, const TableName& version_table);

  // CREATE TABLE IF NOT EXISTS, rendered by the dialect like any create_table. Where DDL commits
  // by itself, call it before the transaction that appends.
  void create(Connection& connection) const;
  // Appends the row of `attempt`, finished now; inside the caller's transaction.
  void append(Connection& connection, const HistoryAttempt& attempt, Outcome outcome,
              std::string_view error = {}) const;
  // After a failed migration was rolled back: creates the table if need be and appends its
  // failed row in a transaction of its own. Never throws, so that it cannot hide the failure it
  // records; returns why it could not record it ("" when it did).
  [[nodiscard]] std::string append_failure(Connection& connection, const HistoryAttempt& attempt,
                                           std::string_view error) const noexcept;
  // Every row, oldest first; none when the table does not exist (a database Alembic migrated).
  [[nodiscard]] std::vector<HistoryRow> read(Connection& connection) const;

  const TableName& name() const { return table_; }

 private:
  const Dialect* dialect_;
  TableName table_;
};

}  // namespace migrate
