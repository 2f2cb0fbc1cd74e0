#pragma once
// Alembic's version table (SPEC §10): one row per current head. Reading is plain SQL; the
// change of one migration step is computed purely by head_change() (plan.h) and rendered here.
#include <string>
#include <vector>

#include "migrate/dialects/dialect.h"
#include "migrate/graph/plan.h"
#include "migrate/runtime/history_table.h"
#include "migrate/runtime/progress_table.h"

namespace migrate {

class VersionTable {
 public:
  VersionTable(const Dialect& dialect, TableName table)
      : dialect_(&dialect), table_(std::move(table)), sql_table_(table_) {}

  // Names the table by its full name from now on, as the connection resolves it now: a
  // migration that changes the search path (every pg_dump file does) must not hide it.
  void resolve_schema(Connection& connection);

  // Current heads; empty when the table does not exist yet.
  [[nodiscard]] std::vector<std::string> read(Connection& connection) const;
  // The CREATE statement (IF NOT EXISTS), for online use and for --sql output alike.
  [[nodiscard]] std::string create_sql() const;
  // Statements that turn `heads` into apply_change(heads, change).
  [[nodiscard]] std::vector<std::string> change_sql(const HeadChange& change) const;
  // Statements that replace the rows `from` by `to` (stamp).
  [[nodiscard]] std::vector<std::string> replace_sql(const std::vector<std::string>& from,
                                                     const std::vector<std::string>& to) const;

  // Deletes every row (stamp --purge in --sql output).
  [[nodiscard]] std::string purge_sql() const;

  const TableName& name() const { return table_; }
  // The progress table beside it (SPEC §13), as the SQL names this table.
  [[nodiscard]] ProgressTable progress_table() const { return {*dialect_, sql_table_}; }
  // The history table beside it (SPEC §15), likewise.
  [[nodiscard]] HistoryTable history_table() const { return {*dialect_, sql_table_}; }
  // The key of the migration lock: schema-qualified table name.
  std::string lock_key() const;

 private:
  const Dialect* dialect_;
  TableName table_;      // as configured: the lock key, and what reflection leaves out
  TableName sql_table_;  // what the SQL names
};

}  // namespace migrate
