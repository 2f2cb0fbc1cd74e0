#pragma once
// SQLite SQL for operations (SPEC §6): dialects::SqlRenderer's standard SQL where SQLite speaks
// it (drop_table, rename_table, drop_index, bulk_insert with booleans as 1 and 0, execute), and
// the render_op overloads below for the rest. Those that SQLite's ALTER TABLE cannot do are
// rebuilds (rebuild.h), which read the table's current shape through `connection`.
//
// The overloads live by family: render_table.cpp, render_column.cpp, render_index.cpp,
// render_constraint.cpp.
#include <vector>

#include "dialects/common/sql_renderer.h"
#include "migrate/dialects/connection.h"
#include "migrate/dialects/dialect.h"
#include "migrate/ops/operation.h"

namespace migrate::sqlite {

[[nodiscard]] const dialects::SqlRenderer& renderer();

[[nodiscard]] std::vector<Statement> render_op(const CreateTable& op, Connection& connection);
[[nodiscard]] std::vector<Statement> render_op(const AddColumn& op, Connection& connection);
[[nodiscard]] std::vector<Statement> render_op(const DropColumn& op, Connection& connection);
[[nodiscard]] std::vector<Statement> render_op(const AlterColumn& op, Connection& connection);
[[nodiscard]] std::vector<Statement> render_op(const CreateIndex& op, Connection& connection);
[[nodiscard]] std::vector<Statement> render_op(const CreateUniqueConstraint& op,
                                               Connection& connection);
[[nodiscard]] std::vector<Statement> render_op(const CreatePrimaryKey& op, Connection& connection);
[[nodiscard]] std::vector<Statement> render_op(const CreateForeignKey& op, Connection& connection);
[[nodiscard]] std::vector<Statement> render_op(const CreateCheckConstraint& op,
                                               Connection& connection);
[[nodiscard]] std::vector<Statement> render_op(const DropConstraint& op, Connection& connection);

}  // namespace migrate::sqlite
