#pragma once
// SQL for the parts of a table an operation describes: column definitions (for CREATE TABLE,
// ADD COLUMN and a rebuild's new column), defaults, REFERENCES clauses and table constraints.
// They are built as table_definition.h values so that create_table and a rebuild render alike.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dialects/sqlite/table_definition.h"
#include "migrate/ops/operation.h"

namespace migrate::sqlite {

// True for a default SQLite accepts without parentheses and in ALTER TABLE ADD COLUMN:
// a number, a 'string', X'blob', NULL, TRUE or FALSE.
bool is_plain_literal(std::string_view expression);
bool is_null_literal(std::string_view expression);
// The text after DEFAULT: a plain literal as is, anything else in parentheses (SQLite requires
// them around expressions).
std::string render_default(std::string_view expression);

// How a column sits in its table's primary key.
enum class KeyRole {
  none,
  member,       // part of the primary key: NOT NULL unless said otherwise
  rowid_alias,  // the single integer key: INTEGER NOT NULL PRIMARY KEY, aliasing the rowid
};

// The column's definition. `key_name` names the inline PRIMARY KEY of a rowid alias. A column's
// `comment` is not rendered: SQLite has no column comments.
ColumnDefinition column_definition(const Column& column, KeyRole role,
                                   const std::optional<std::string>& key_name = std::nullopt);

// True if a table whose primary key is exactly `key_columns` makes `column` its rowid alias:
// a single integer-typed key column that does not say `autoincrement: false` (SQLAlchemy's
// rule, SPEC §6). SQLite's AUTOINCREMENT keyword is never used, even for `autoincrement:
// true`: a plain rowid alias already assigns max(rowid)+1 and accepts explicit values, and
// AUTOINCREMENT would only add the sqlite_sequence bookkeeping that SQLAlchemy does not ask for.
bool is_rowid_alias(const Column& column, const std::vector<std::string>& key_columns);

// [CONSTRAINT n] PRIMARY KEY (...), UNIQUE (...), FOREIGN KEY (...) REFERENCES ..., CHECK (...).
TableConstraint primary_key_constraint(const std::optional<std::string>& name,
                                       const std::vector<std::string>& columns);
TableConstraint unique_constraint(const std::optional<std::string>& name,
                                  const std::vector<std::string>& columns);
TableConstraint foreign_key_constraint(const ForeignKey& key);
TableConstraint check_constraint(const std::optional<std::string>& name,
                                 std::string_view condition);

// "a", "b" quoted and comma-separated.
std::string column_list(const std::vector<std::string>& columns);

}  // namespace migrate::sqlite
