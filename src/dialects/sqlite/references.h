#pragma once
// SQLite takes a REFERENCES clause to a table or column that does not exist, and only complains
// (if at all) when rows are written. PostgreSQL and MySQL refuse the DDL itself, so a script
// that passes here would break in production: check what a foreign key names before rendering.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "migrate/dialects/connection.h"

namespace migrate::sqlite {

// The table a new foreign key belongs to and the columns the same statement gives it, which the
// database does not have yet: a self-reference may name them.
struct NewTable {
  std::string_view name;
  std::vector<std::string> columns;
};

// Throws Error naming `key_name` (or the column) unless `ref_table` exists (in `ref_schema`)
// with every one of `ref_columns`. Nothing is checked under --sql: the offline shadow knows only
// the tables the scripts made.
void check_reference(Connection& connection, std::string_view key_name,
                     const std::optional<std::string>& ref_schema, std::string_view ref_table,
                     const std::vector<std::string>& ref_columns,
                     const std::optional<NewTable>& creating = std::nullopt);

}  // namespace migrate::sqlite
