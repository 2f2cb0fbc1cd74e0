// add_column, drop_column, alter_column: SQLite's ALTER TABLE where it can, a rebuild where it
// cannot (SPEC §6).
#include <fmt/format.h>

#include "dialects/sqlite/column_sql.h"
#include "dialects/sqlite/quoting.h"
#include "dialects/sqlite/rebuild.h"
#include "dialects/sqlite/references.h"
#include "dialects/sqlite/render.h"
#include "dialects/sqlite/types.h"
#include "migrate/core/error.h"

namespace migrate::sqlite {
namespace {

// SQLite's ADD COLUMN refuses a PRIMARY KEY or UNIQUE column, a default in parentheses or
// CURRENT_*, and NOT NULL without a non-NULL default (https://sqlite.org/lang_altertable.html).
bool add_needs_rebuild(const Column& column) {
  if (column.primary_key || column.unique) return true;
  if (column.default_ && !is_plain_literal(*column.default_)) return true;
  return !column.is_nullable() && (!column.default_ || is_null_literal(*column.default_));
}

bool is_rowid_alias_definition(const TableDefinition& table, const ColumnDefinition& column) {
  if (!iequals(column.type, "INTEGER")) return false;
  if (column.has(ConstraintKind::primary_key)) return true;
  for (const auto& constraint : table.constraints) {
    if (constraint.kind == ConstraintKind::primary_key && constraint.mentions.size() == 1 &&
        iequals(constraint.mentions.front(), column.name)) {
      return true;
    }
  }
  return false;
}

void check_column_reference(const AddColumn& op, Connection& connection) {
  if (!op.column.references) return;
  const auto& ref = *op.column.references;
  check_reference(connection, fmt::format("of column '{}.{}'", op.table, op.column.name),
                  std::nullopt, ref.table,
                  ref.column.empty() ? std::vector<std::string>{} : std::vector{ref.column},
                  NewTable{op.table, {op.column.name}});
}

}  // namespace

std::vector<Statement> render_op(const AddColumn& op, Connection& connection) {
  const auto& column = op.column;
  if (!add_needs_rebuild(column)) {
    const auto definition = column_definition(column, KeyRole::none);
    check_column_reference(op, connection);
    return {{fmt::format("ALTER TABLE {} ADD COLUMN {}", qualified(op.schema, op.table),
                         TableDefinition::render_column(definition))}};
  }
  TableRebuild rebuild(connection, {op.schema, op.table});
  auto& table = rebuild.definition();
  if (table.find_column(column.name) != nullptr) {
    throw Error(fmt::format("Table '{}' already has a column '{}'", rebuild.name(), column.name));
  }
  auto role = KeyRole::none;
  if (column.primary_key) {
    if (table.has_primary_key()) {
      throw Error(
          fmt::format("Cannot add primary key column '{}' to table '{}': it already has "
                      "a primary key",
                      column.name, rebuild.name()));
    }
    // A new integer key aliasing the rowid numbers the existing rows 1, 2, ... by itself.
    role = is_rowid_alias(column, {column.name}) ? KeyRole::rowid_alias : KeyRole::member;
  }
  table.add_column(column_definition(column, role));
  check_column_reference(op, connection);
  return rebuild.statements();
}

std::vector<Statement> render_op(const DropColumn& op, Connection& connection) {
  TableRebuild rebuild(connection, {op.schema, op.table});
  const auto& table = rebuild.original();
  const auto* column = table.find_column(op.name);
  if (column == nullptr) {
    throw Error(fmt::format("Table '{}' has no column '{}'", rebuild.name(), op.name));
  }
  // SQLite's own DROP COLUMN refuses a column that a key, a constraint or an index uses;
  // PostgreSQL drops those with it, and so does the rebuild.
  const bool native = !column->has(ConstraintKind::primary_key) &&
                      !column->has(ConstraintKind::unique) &&
                      !column->has(ConstraintKind::foreign_key) && !table.is_referenced(op.name) &&
                      !column_is_indexed(connection, {op.schema, rebuild.name()}, op.name);
  if (native) {
    return {{fmt::format("ALTER TABLE {} DROP COLUMN {}", qualified(op.schema, rebuild.name()),
                         quote_identifier(column->name))}};
  }
  rebuild.drop_column(op.name);
  return rebuild.statements();
}

std::vector<Statement> render_op(const AlterColumn& op, Connection& connection) {
  std::vector<Statement> out;
  if (op.type || op.nullable || op.default_) {
    TableRebuild rebuild(connection, {op.schema, op.table});
    auto& table = rebuild.definition();
    const auto* column = table.find_column(op.name);
    if (column == nullptr) {
      throw Error(fmt::format("Table '{}' has no column '{}'", rebuild.name(), op.name));
    }
    if (op.type) {
      // An integer key that aliases the rowid stays "INTEGER" when changed to another integer
      // type: BIGINT PRIMARY KEY would silently stop numbering new rows.
      const bool keep_alias =
          is_integer_type(*op.type) && is_rowid_alias_definition(table, *column);
      table.set_type(rebuild.name(), op.name, keep_alias ? "INTEGER" : render_type(*op.type));
    }
    if (op.nullable) table.set_nullable(rebuild.name(), op.name, *op.nullable);
    if (op.default_) {
      const auto& value = *op.default_;
      table.set_default(rebuild.name(), op.name,
                        value ? std::optional(render_default(*value)) : std::nullopt);
    }
    out = rebuild.statements();
  }
  if (op.new_name) {
    // After the rebuild, which still knows the column by its old name.
    out.push_back(
        {fmt::format("ALTER TABLE {} RENAME COLUMN {} TO {}", qualified(op.schema, op.table),
                     quote_identifier(op.name), quote_identifier(*op.new_name))});
  }
  return out;
}

}  // namespace migrate::sqlite
