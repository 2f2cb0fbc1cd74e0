#pragma once
// The progress table (SPEC §13): where a database whose DDL commits by itself keeps what ran of
// a migration that failed part-way, so that the next run can resume it after the fix or undo
// it. It sits beside the version table, named after it (`alembic_version_progress`), holds one
// row per operation that ran, and is empty or absent otherwise. Alembic never reads it.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "migrate/dialects/dialect.h"
#include "migrate/graph/plan.h"

namespace migrate {

// One operation of the migration and what of it ran.
struct ProgressEntry {
  std::size_t position = 0;    // 1-based, in the migration's operation list
  std::size_t statements = 0;  // of its statements, how many ran
  bool complete = false;       // all of them: it is done
  std::string definition;      // the operation as YAML, as the script said when it ran
  std::string sql;             // the statements that ran, each ending in ";\n"
  std::string checksum;        // checksum_of(definition, ...), as recorded

  // What a resume compares (SHA-256): the definition of a complete operation (what ran of it
  // cannot be rendered again against the database it changed), and of an operation cut short
  // also the SQL that ran.
  [[nodiscard]] static std::string checksum_of(const std::string& definition, bool complete,
                                               const std::string& sql);
};

// A migration left part-way: its revision, which way it ran, and its operations that ran.
struct PartialRecord {
  std::string revision;
  Direction direction = Direction::up;
  std::vector<ProgressEntry> operations;

  [[nodiscard]] std::size_t statements() const;
  // "upgrade of 3f2a…" / "downgrade of 3f2a…"
  [[nodiscard]] std::string describe() const;
};

class ProgressTable {
 public:
  ProgressTable(const Dialect& dialect, const TableName& version_table);

  // The record, if a migration was left part-way; nullopt when the table is absent or empty.
  [[nodiscard]] std::optional<PartialRecord> read(Connection& connection) const;
  // Replaces whatever was recorded by `record`, in one transaction.
  void write(Connection& connection, const PartialRecord& record) const;
  // Forgets any record; inside the caller's transaction when there is one.
  void clear(Connection& connection) const;

  const TableName& name() const { return table_; }

 private:
  const Dialect* dialect_;
  TableName table_;
};

}  // namespace migrate
