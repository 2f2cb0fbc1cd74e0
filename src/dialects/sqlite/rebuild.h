#pragma once
// SQLite's table rebuild, for what its ALTER TABLE cannot do (SPEC §6; the SQLite documentation's
// "Making Other Kinds Of Table Schema Changes"): create the new shape under a temporary name,
// copy the rows, drop the old table, rename the new one, re-create indexes and triggers, then
// check foreign keys.
//
// Usage: construct (reads the table's CREATE TABLE, indexes and triggers through the
// connection, so it also works on the --sql sink's shadow database), edit definition(), then
// take statements(). The statements run inside the caller's transaction: nothing here begins or
// commits.
//
// Why this needs PRAGMA foreign_keys OFF (as migrate's connections leave it): with foreign keys
// on, DROP TABLE first runs an implicit DELETE FROM the table, which fires ON DELETE CASCADE /
// SET NULL on every child table, deleting or blanking their rows; and the pragma cannot be
// switched inside a transaction. With it off, children keep their rows and their REFERENCES
// (by name) resolve to the new table once it is renamed.
#include <string>
#include <string_view>
#include <vector>

#include "dialects/sqlite/table_definition.h"
#include "migrate/dialects/connection.h"
#include "migrate/dialects/dialect.h"

namespace migrate::sqlite {

class TableRebuild {
 public:
  // Throws Error if the table does not exist or is not an ordinary table.
  TableRebuild(Connection& connection, const TableName& table);

  TableDefinition& definition() { return definition_; }
  const TableDefinition& original() const { return original_; }
  // The table's name as SQLite stores it.
  const std::string& name() const { return table_.name; }

  // Drops the column and everything in the table that uses it, including its indexes.
  void drop_column(std::string_view column);

  [[nodiscard]] std::vector<Statement> statements() const;

 private:
  struct SchemaObject {
    std::string name;
    std::string sql;
  };

  TableName table_;
  TableDefinition original_;
  TableDefinition definition_;
  std::vector<SchemaObject> indexes_;
  std::vector<SchemaObject> triggers_;
  std::vector<std::string> children_;  // other tables with a foreign key to this one
  std::vector<std::string> dropped_columns_;
  bool needs_legacy_alter_ = false;
};

// True if an index of `table` uses `column` (as a key, in an expression or in its WHERE).
// Used to decide whether SQLite's own DROP COLUMN can do the job.
bool column_is_indexed(Connection& connection, const TableName& table, std::string_view column);

}  // namespace migrate::sqlite
