// create_unique_constraint, create_primary_key, create_foreign_key, create_check_constraint,
// drop_constraint: SQLite's ALTER TABLE has no constraint clauses, so each is a rebuild.
#include <fmt/format.h>

#include <algorithm>

#include "dialects/sqlite/column_sql.h"
#include "dialects/sqlite/quoting.h"
#include "dialects/sqlite/rebuild.h"
#include "dialects/sqlite/references.h"
#include "dialects/sqlite/render.h"
#include "migrate/core/error.h"

namespace migrate::sqlite {
namespace {

// SQLite does not insist on unique constraint names, but drop_constraint finds them by name.
void check_name_is_free(const TableRebuild& rebuild, std::string_view name) {
  const auto& table = rebuild.original();
  bool taken = std::any_of(table.constraints.begin(), table.constraints.end(),
                           [&](const auto& c) { return c.name && iequals(*c.name, name); });
  for (const auto& column : table.columns) {
    taken = taken || std::any_of(column.constraints.begin(), column.constraints.end(),
                                 [&](const auto& c) { return c.name && iequals(*c.name, name); });
  }
  if (taken) {
    throw Error(
        fmt::format("Table '{}' already has a constraint named '{}'", rebuild.name(), name));
  }
}

void check_columns_exist(const TableRebuild& rebuild, const std::vector<std::string>& columns) {
  for (const auto& column : columns) {
    if (rebuild.original().find_column(column) == nullptr) {
      throw Error(fmt::format("Table '{}' has no column '{}'", rebuild.name(), column));
    }
  }
}

std::vector<Statement> add_constraint(Connection& connection, const TableName& name,
                                      std::string_view constraint_name,
                                      const std::vector<std::string>& columns,
                                      TableConstraint constraint) {
  TableRebuild rebuild(connection, name);
  check_name_is_free(rebuild, constraint_name);
  check_columns_exist(rebuild, columns);
  rebuild.definition().add_constraint(std::move(constraint));
  return rebuild.statements();
}

}  // namespace

std::vector<Statement> render_op(const CreateUniqueConstraint& op, Connection& connection) {
  return add_constraint(connection, {op.schema, op.table}, op.name, op.columns,
                        unique_constraint(op.name, op.columns));
}

std::vector<Statement> render_op(const CreatePrimaryKey& op, Connection& connection) {
  TableRebuild rebuild(connection, {op.schema, op.table});
  check_name_is_free(rebuild, op.name);
  check_columns_exist(rebuild, op.columns);
  auto& table = rebuild.definition();
  if (table.has_primary_key()) {
    throw Error(fmt::format("Table '{}' already has a primary key; drop it first", rebuild.name()));
  }
  // As in PostgreSQL, key columns become NOT NULL (SQLite would otherwise accept NULL keys).
  for (const auto& column : op.columns) table.set_nullable(rebuild.name(), column, false);
  table.add_constraint(primary_key_constraint(op.name, op.columns));
  return rebuild.statements();
}

std::vector<Statement> render_op(const CreateForeignKey& op, Connection& connection) {
  auto constraint = foreign_key_constraint(ForeignKey{
      op.name, op.columns, op.ref_table, op.ref_columns, op.ondelete, op.onupdate, op.ref_schema});
  check_reference(connection, fmt::format("'{}'", op.name), op.ref_schema, op.ref_table,
                  op.ref_columns, NewTable{op.table, {}});
  return add_constraint(connection, {op.schema, op.table}, op.name, op.columns,
                        std::move(constraint));
}

std::vector<Statement> render_op(const CreateCheckConstraint& op, Connection& connection) {
  return add_constraint(connection, {op.schema, op.table}, op.name, {},
                        check_constraint(op.name, op.condition));
}

std::vector<Statement> render_op(const DropConstraint& op, Connection& connection) {
  TableRebuild rebuild(connection, {op.schema, op.table});
  rebuild.definition().drop_constraint(rebuild.name(), op.name, op.type);
  return rebuild.statements();
}

}  // namespace migrate::sqlite
