// create_table (drop_table and rename_table are standard SQL: dialects::SqlRenderer).
#include <fmt/format.h>

#include <algorithm>

#include "dialects/sqlite/column_sql.h"
#include "dialects/sqlite/quoting.h"
#include "dialects/sqlite/references.h"
#include "dialects/sqlite/render.h"

namespace migrate::sqlite {
namespace {

bool contains(const std::vector<std::string>& names, std::string_view name) {
  return std::any_of(names.begin(), names.end(),
                     [&](const std::string& n) { return iequals(n, name); });
}

void check_references(const CreateTable& op, Connection& connection) {
  NewTable self{op.name, {}};
  for (const auto& column : op.columns) self.columns.push_back(column.name);
  for (const auto& column : op.columns) {
    if (!column.references) continue;
    const auto& ref = *column.references;
    check_reference(
        connection, fmt::format("of column '{}.{}'", op.name, column.name), std::nullopt, ref.table,
        ref.column.empty() ? std::vector<std::string>{} : std::vector{ref.column}, self);
  }
  for (const auto& key : op.foreign_keys) {
    check_reference(connection,
                    key.name ? fmt::format("'{}'", *key.name)
                             : fmt::format("on {}({})", op.name, fmt::join(key.columns, ", ")),
                    key.ref_schema, key.ref_table, key.ref_columns, self);
  }
}

}  // namespace

std::vector<Statement> render_op(const CreateTable& op, Connection& connection) {
  const auto key = primary_key_columns(op);
  const auto alias = std::find_if(op.columns.begin(), op.columns.end(),
                                  [&](const Column& c) { return is_rowid_alias(c, key); });
  TableDefinition table;
  for (auto it = op.columns.begin(); it != op.columns.end(); ++it) {
    const Column& column = *it;
    if (it == alias) {
      // The key goes inline: only "INTEGER PRIMARY KEY" on the column aliases the rowid.
      table.columns.push_back(column_definition(column, KeyRole::rowid_alias, op.primary_key_name));
    } else {
      table.columns.push_back(
          column_definition(column, contains(key, column.name) ? KeyRole::member : KeyRole::none));
    }
  }
  if (alias == op.columns.end() && !key.empty()) {
    table.constraints.push_back(primary_key_constraint(op.primary_key_name, key));
  }
  for (const auto& unique : op.unique) {
    table.constraints.push_back(unique_constraint(unique.name, unique.columns));
  }
  for (const auto& foreign_key : op.foreign_keys) {
    table.constraints.push_back(foreign_key_constraint(foreign_key));
  }
  for (const auto& check : op.checks) {
    table.constraints.push_back(check_constraint(check.name, check.condition));
  }
  check_references(op, connection);  // after the definition's own checks
  return {{table.render(qualified(op.schema, op.name), op.if_not_exists)}};
}

}  // namespace migrate::sqlite
