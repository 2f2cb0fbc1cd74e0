// create_table, drop_table, rename_table.
#include <fmt/format.h>

#include <algorithm>

#include "dialects/postgresql/ddl.h"
#include "dialects/postgresql/quoting.h"
#include "dialects/postgresql/render.h"

namespace migrate::postgresql {
namespace {

bool contains(const std::vector<std::string>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

std::vector<Statement> render_op(const CreateTable& op) {
  const auto key = primary_key_columns(op);
  // SQLAlchemy's layout: the columns, then every constraint at table level (a column's
  // `unique` and `references` too), one per line.
  std::vector<std::string> lines;
  for (const auto& column : op.columns) {
    lines.push_back(column_definition(column, is_identity(column, key), contains(key, column.name),
                                      Inline::no));
  }
  if (!key.empty()) {
    lines.push_back(fmt::format("{}PRIMARY KEY ({})", constraint_prefix(op.primary_key_name),
                                column_list(key)));
  }
  for (const auto& column : op.columns) {
    if (column.unique) lines.push_back(fmt::format("UNIQUE ({})", column_list({column.name})));
  }
  for (const auto& unique : op.unique) {
    require_columns("create_table unique constraint of", op.name, unique.columns);
    lines.push_back(
        fmt::format("{}UNIQUE ({})", constraint_prefix(unique.name), column_list(unique.columns)));
  }
  for (const auto& column : op.columns) {
    if (!column.references) continue;
    const auto& ref = *column.references;
    lines.push_back(foreign_key_clause({column.name}, std::nullopt, ref.table, {ref.column},
                                       ref.ondelete, ref.onupdate));
  }
  for (const auto& fk : op.foreign_keys) {
    lines.push_back(constraint_prefix(fk.name) + foreign_key_clause(fk.columns, fk.ref_schema,
                                                                    fk.ref_table, fk.ref_columns,
                                                                    fk.ondelete, fk.onupdate));
  }
  for (const auto& check : op.checks) {
    lines.push_back(fmt::format("{}CHECK ({})", constraint_prefix(check.name), check.condition));
  }
  const auto table = qualified(op.schema, op.name);
  std::vector<Statement> out{
      {fmt::format("CREATE TABLE {}{} (\n  {}\n)", op.if_not_exists ? "IF NOT EXISTS " : "", table,
                   fmt::join(lines, ",\n  "))}};
  for (auto& comment : column_comments(table, op.columns)) out.push_back(std::move(comment));
  return out;
}

std::vector<Statement> render_op(const DropTable& op) {
  return {{fmt::format("DROP TABLE {}{}", op.if_exists ? "IF EXISTS " : "",
                       qualified(op.schema, op.name))}};
}

std::vector<Statement> render_op(const RenameTable& op) {
  // The new name takes no schema: ALTER TABLE ... RENAME keeps the table in its schema.
  return {{fmt::format("ALTER TABLE {} RENAME TO {}", qualified(op.schema, op.name),
                       quote_identifier(op.new_name))}};
}

}  // namespace migrate::postgresql
