#pragma once
// Alembic's version table (SPEC §10): one row per current head. Reading is plain SQL; the
// change of one migration step is computed purely by head_change() (plan.h) and rendered here.
#include <string>
#include <vector>

#include "migrate/dialect.h"
#include "migrate/plan.h"

namespace migrate {

class VersionTable {
 public:
  VersionTable(const Dialect& dialect, TableName table) : dialect_(&dialect), table_(std::move(table)) {}

  // Current heads; empty when the table does not exist yet.
  [[nodiscard]] std::vector<std::string> read(Connection& connection) const;
  // The CREATE statement (IF NOT EXISTS), for online use and for --sql output alike.
  [[nodiscard]] std::string create_sql() const;
  // Statements that turn `heads` into apply_change(heads, change).
  [[nodiscard]] std::vector<std::string> change_sql(const HeadChange& change) const;
  // Statements that replace the rows `from` by `to` (stamp).
  [[nodiscard]] std::vector<std::string> replace_sql(const std::vector<std::string>& from,
                                                     const std::vector<std::string>& to) const;

  const TableName& name() const { return table_; }
  // The key of the migration lock: schema-qualified table name.
  std::string lock_key() const;

 private:
  const Dialect* dialect_;
  TableName table_;
};

}  // namespace migrate
