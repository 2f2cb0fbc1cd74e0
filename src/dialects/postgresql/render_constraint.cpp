// create_unique_constraint, create_primary_key, create_foreign_key, create_check_constraint,
// drop_constraint: ALTER TABLE ... ADD / DROP CONSTRAINT.
#include <fmt/format.h>

#include "dialects/postgresql/ddl.h"
#include "dialects/postgresql/quoting.h"
#include "dialects/postgresql/render.h"

namespace migrate::postgresql {
namespace {

Statement add_constraint(const std::optional<std::string>& schema, std::string_view table,
                         std::string_view name, std::string_view clause) {
  return {fmt::format("ALTER TABLE {} ADD CONSTRAINT {} {}", qualified(schema, table),
                      quote_identifier(name), clause)};
}

}  // namespace

std::vector<Statement> render_op(const CreateUniqueConstraint& op) {
  require_columns("create_unique_constraint", op.name, op.columns);
  return {add_constraint(op.schema, op.table, op.name,
                         fmt::format("UNIQUE ({})", column_list(op.columns)))};
}

std::vector<Statement> render_op(const CreatePrimaryKey& op) {
  // PostgreSQL makes the key columns NOT NULL itself (and refuses if a row holds NULL).
  require_columns("create_primary_key", op.name, op.columns);
  return {add_constraint(op.schema, op.table, op.name,
                         fmt::format("PRIMARY KEY ({})", column_list(op.columns)))};
}

std::vector<Statement> render_op(const CreateForeignKey& op) {
  require_columns("create_foreign_key", op.name, op.columns);
  require_columns("create_foreign_key", op.name, op.ref_columns);
  return {add_constraint(op.schema, op.table, op.name,
                         foreign_key_clause(op.columns, op.ref_schema, op.ref_table, op.ref_columns,
                                            op.ondelete, op.onupdate))};
}

std::vector<Statement> render_op(const CreateCheckConstraint& op) {
  return {add_constraint(op.schema, op.table, op.name, fmt::format("CHECK ({})", op.condition))};
}

std::vector<Statement> render_op(const DropConstraint& op) {
  // PostgreSQL finds a constraint by name alone, so `type` (which the script parser has
  // already checked) changes nothing here; Alembic's PostgreSQL implementation ignores it too.
  return {{fmt::format("ALTER TABLE {} DROP CONSTRAINT {}", qualified(op.schema, op.table),
                       quote_identifier(op.name))}};
}

}  // namespace migrate::postgresql
