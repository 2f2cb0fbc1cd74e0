#pragma once
// SQLite reflection (SPEC §12): sqlite_master and the table-valued pragmas give columns, keys,
// indexes and foreign keys; the CREATE TABLE parser (table_definition.h) gives what the pragmas
// do not, namely constraint names and CHECK conditions. Four queries in all, whatever the number
// of tables. Tables named sqlite_% and the version table are left out.
#include "migrate/dialects/connection.h"
#include "migrate/dialects/dialect.h"
#include "migrate/schema/differ.h"
#include "migrate/schema/schema.h"

namespace migrate::sqlite {

[[nodiscard]] SchemaModel reflect(Connection& connection, const TableName& version_table);
// The same for the tables named (regardless of case) only: the same four queries, each over
// those tables alone.
[[nodiscard]] SchemaModel reflect_tables(Connection& connection, const TableName& version_table,
                                         const std::vector<std::string>& tables);

// SQLite's answers to "the same type": a type compares as what render_type() stores for it
// (uuid and CHAR(32) are the same), and a single integer key is INTEGER whatever its width,
// because only that spelling makes it the rowid.
[[nodiscard]] const DiffRules& diff_rules();

}  // namespace migrate::sqlite
