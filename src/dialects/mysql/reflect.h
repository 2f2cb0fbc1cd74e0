#pragma once
// Autogenerate and check on MySQL and MariaDB (SPEC §12): the database's tables, read from
// information_schema, as the same model a declared schema gives, normalised so that declared
// equals reflected: int(11) is integer, tinyint(1) boolean, varchar(n) string(n), TIMESTAMP
// timestamptz, LONGBLOB binary; backticks in check conditions and MariaDB's quoting of defaults
// compare as PostgreSQL's and SQLite's spellings do.
#include "migrate/dialects/connection.h"
#include "migrate/dialects/dialect.h"
#include "migrate/schema/differ.h"
#include "migrate/schema/schema.h"

namespace migrate::mysql {

// The tables of the version table's schema (else the connection's database), without the
// version table.
[[nodiscard]] SchemaModel reflect(Connection& connection, const TableName& version_table);

// A COLUMN_TYPE as the model spells types: "int(11)" -> "integer", "tinyint(1)" -> "boolean".
[[nodiscard]] std::string normalise_column_type(std::string_view column_type);

[[nodiscard]] const DiffRules& diff_rules();

}  // namespace migrate::mysql
