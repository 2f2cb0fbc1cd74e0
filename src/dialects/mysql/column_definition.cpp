#include "dialects/mysql/column_definition.h"

#include <fmt/format.h>

#include "dialects/mysql/quoting.h"
#include "migrate/core/error.h"
#include "migrate/core/text.h"

namespace migrate::mysql {
namespace {

std::string schema_of(const std::optional<std::string>& schema) {
  return schema ? quote_literal(*schema) : std::string("DATABASE()");
}

std::string text(const Row& row, std::size_t i) { return row.at(i).value_or(""); }

// "on update current_timestamp()" from EXTRA, without the words before it.
std::string on_update_of(const std::string& extra) {
  const std::string folded = lower(extra);
  const auto at = folded.find("on update ");
  return at == std::string::npos ? std::string() : extra.substr(at + 10);
}

}  // namespace

std::optional<std::string> default_sql(bool mariadb, const std::optional<std::string>& value,
                                       const std::string& extra) {
  if (!value) return std::nullopt;
  if (mariadb) return *value == "NULL" ? std::nullopt : value;
  if (lower(extra).find("default_generated") != std::string::npos) return "(" + *value + ")";
  return quote_literal(*value);
}

ColumnDefinition current_definition(Connection& connection, const AlterColumn& op) {
  if (connection.offline()) {
    if (op.type && op.nullable && op.default_) return {};  // everything is restated
    throw NeedsDatabase(fmt::format(
        "alter_column of '{}.{}' under --sql: MySQL's MODIFY COLUMN restates the whole column, "
        "and without a database its current definition is unknown; give type, nullable and "
        "default (null for none) in the operation",
        op.table, op.name));
  }
  const auto rows = connection.query(fmt::format(
      "SELECT COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA, COLUMN_COMMENT, VERSION() FROM "
      "information_schema.COLUMNS WHERE TABLE_SCHEMA = {} AND TABLE_NAME = {} AND COLUMN_NAME "
      "= {}",
      schema_of(op.schema), quote_literal(op.table), quote_literal(op.name)));
  if (rows.empty()) {
    throw Error(fmt::format("Table '{}' has no column '{}'", op.table, op.name));
  }
  const Row& row = rows.front();
  const bool mariadb = text(row, 5).find("MariaDB") != std::string::npos;
  const std::string extra = text(row, 3);
  ColumnDefinition column;
  column.type = text(row, 0);
  column.nullable = text(row, 1) == "YES";
  column.default_ = default_sql(mariadb, row.at(2), extra);
  column.auto_increment = lower(extra).find("auto_increment") != std::string::npos;
  column.on_update = on_update_of(extra);
  if (!text(row, 4).empty()) column.comment = text(row, 4);
  return column;
}

std::string render(const ColumnDefinition& column) {
  std::string sql = column.type + (column.nullable ? " NULL" : " NOT NULL");
  if (column.default_) sql += " DEFAULT " + *column.default_;
  if (column.auto_increment) sql += " AUTO_INCREMENT";
  if (!column.on_update.empty()) sql += " ON UPDATE " + column.on_update;
  if (column.comment) sql += " COMMENT " + quote_literal(*column.comment);
  return sql;
}

ConstraintType constraint_type(Connection& connection, const DropConstraint& op) {
  if (connection.offline()) {
    throw NeedsDatabase(fmt::format(
        "drop_constraint '{}' under --sql needs `type` (foreignkey, unique, check or primary) on "
        "MySQL, where each kind is dropped differently",
        op.name));
  }
  const auto rows = connection.query(
      fmt::format("SELECT CONSTRAINT_TYPE FROM information_schema.TABLE_CONSTRAINTS WHERE "
                  "CONSTRAINT_SCHEMA = {} AND TABLE_NAME = {} AND CONSTRAINT_NAME = {}",
                  schema_of(op.schema), quote_literal(op.table), quote_literal(op.name)));
  if (rows.empty()) {
    throw Error(fmt::format("Table '{}' has no constraint named '{}'", op.table, op.name));
  }
  const std::string type = text(rows.front(), 0);
  if (type == "FOREIGN KEY") return ConstraintType::foreignkey;
  if (type == "UNIQUE") return ConstraintType::unique;
  if (type == "PRIMARY KEY") return ConstraintType::primary;
  return ConstraintType::check;
}

}  // namespace migrate::mysql
