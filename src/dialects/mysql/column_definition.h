#pragma once
// What MySQL's MODIFY COLUMN must restate: a column's whole definition, as the database holds it
// now (information_schema.COLUMNS), so that an alter_column changing one thing keeps the rest.
#include <optional>
#include <string>

#include "migrate/dialects/connection.h"
#include "migrate/ops/operation.h"

namespace migrate::mysql {

struct ColumnDefinition {
  std::string type;  // COLUMN_TYPE: "varchar(50)", "int(11) unsigned"
  bool nullable = true;
  std::optional<std::string> default_;  // SQL: 'text', 0, current_timestamp()
  bool auto_increment = false;
  std::string on_update;  // "current_timestamp()" or empty
  std::optional<std::string> comment;
};

// The column `op` alters, as it is now. Throws Error when it does not exist, and under --sql
// (no database to ask) unless the operation gives type, nullable and default itself.
ColumnDefinition current_definition(Connection& connection, const AlterColumn& op);

// A column's default as SQL, from information_schema.COLUMNS: MariaDB reports it as SQL
// ('text', NULL for none); MySQL 8 reports the bare value, and an expression with
// DEFAULT_GENERATED in EXTRA.
std::optional<std::string> default_sql(bool mariadb, const std::optional<std::string>& value,
                                       const std::string& extra);

// TYPE [NOT] NULL [DEFAULT x] [AUTO_INCREMENT] [ON UPDATE x] [COMMENT '...'].
std::string render(const ColumnDefinition& column);

// What kind of constraint `op` names, read from information_schema.TABLE_CONSTRAINTS (the SQL
// to drop one depends on it). Under --sql the operation must say its `type`.
ConstraintType constraint_type(Connection& connection, const DropConstraint& op);

}  // namespace migrate::mysql
