#pragma once
// A table's CREATE TABLE text, split into the parts a rebuild edits (SQLite's "Making Other Kinds
// Of Table Schema Changes"): column definitions with their column constraints, and table
// constraints. Each part keeps the text SQLite stored, so whatever migrate does not edit (COLLATE,
// ON CONFLICT, GENERATED, comments) is reproduced exactly.
//
// parse_create_table() lives in create_table_parser.cpp; the edits and render() in
// table_definition.cpp. Names compare case-insensitively, as SQLite's do.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "migrate/ops/operation.h"

namespace migrate::sqlite {

enum class ConstraintKind {
  primary_key,
  not_null,
  null,
  unique,
  check,
  default_,
  collate,
  foreign_key,
  generated
};

struct ColumnConstraint {
  std::optional<std::string> name;  // from CONSTRAINT name
  ConstraintKind kind;
  std::string text;                   // as written, "CONSTRAINT name" included
  std::vector<std::string> mentions;  // identifiers in a CHECK or GENERATED expression
};

struct ColumnDefinition {
  std::string name;  // unquoted
  std::string type;  // as written, possibly empty
  std::vector<ColumnConstraint> constraints;

  bool has(ConstraintKind kind) const;
};

struct TableConstraint {
  std::optional<std::string> name;
  ConstraintKind kind;  // primary_key, unique, check or foreign_key
  std::string text;     // as written, "CONSTRAINT name" included
  // The columns of this table it names: the key columns of PRIMARY KEY / UNIQUE / FOREIGN KEY,
  // or every identifier in a CHECK expression (a superset, which is the safe side).
  std::vector<std::string> mentions;
};

struct TableDefinition {
  std::vector<ColumnDefinition> columns;
  std::vector<TableConstraint> constraints;
  std::string options;  // after the closing parenthesis: "WITHOUT ROWID", "STRICT"

  ColumnDefinition* find_column(std::string_view name);
  const ColumnDefinition* find_column(std::string_view name) const;
  // True if a column other than `name` itself, or a table constraint, refers to `name`.
  bool is_referenced(std::string_view name) const;
  bool has_primary_key() const;

  // Edits. Each throws Error naming `table` when the column or constraint is not there.
  void set_type(std::string_view table, std::string_view column, std::string type);
  void set_nullable(std::string_view table, std::string_view column, bool nullable);
  void set_default(std::string_view table, std::string_view column,
                   const std::optional<std::string>& rendered_default);
  void add_column(ColumnDefinition column);
  // Removes the column and every constraint that names it (PostgreSQL's DROP COLUMN drops
  // them too; SQLite's own refuses).
  void drop_column(std::string_view table, std::string_view column);
  void add_constraint(TableConstraint constraint);
  // Removes the named table constraint or named column constraint of a kind `type` allows.
  void drop_constraint(std::string_view table, std::string_view name, ConstraintType type);

  // CREATE TABLE [IF NOT EXISTS] <qualified_name> (...) <options>.
  std::string render(std::string_view qualified_name, bool if_not_exists = false) const;
  // A column definition as it would appear in render().
  static std::string render_column(const ColumnDefinition& column);
};

// Parses the CREATE TABLE text stored in sqlite_master. Throws Error for CREATE TABLE ... AS
// SELECT or text it cannot split (which SQLite itself would not have stored).
TableDefinition parse_create_table(std::string_view sql);

// The identifiers an index's CREATE INDEX text uses after "ON table": its columns, expressions
// and WHERE clause.
std::vector<std::string> index_mentions(std::string_view create_index_sql);

}  // namespace migrate::sqlite
