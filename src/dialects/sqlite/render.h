#pragma once
// SQLite SQL for operations (SPEC §6). One render_op overload per operation type; render()
// visits the variant with them and no generic fallback, so an operation added to
// migrate::Operation without an overload here is a compile error (Alembic's
// implementation_for, checked by the compiler).
//
// The overloads live by family: render_table.cpp, render_column.cpp, render_index.cpp,
// render_constraint.cpp, render_data.cpp. Those that SQLite's ALTER TABLE cannot do are
// rebuilds (rebuild.h), which read the table's current shape through `connection`.
#include <vector>

#include "migrate/dialects/connection.h"
#include "migrate/dialects/dialect.h"
#include "migrate/ops/operation.h"

namespace migrate::sqlite {

[[nodiscard]] std::vector<Statement> render(const Operation& op, Connection& connection);

[[nodiscard]] std::vector<Statement> render_op(const CreateTable& op, Connection& connection);
[[nodiscard]] std::vector<Statement> render_op(const DropTable& op, Connection& connection);
[[nodiscard]] std::vector<Statement> render_op(const RenameTable& op, Connection& connection);
[[nodiscard]] std::vector<Statement> render_op(const AddColumn& op, Connection& connection);
[[nodiscard]] std::vector<Statement> render_op(const DropColumn& op, Connection& connection);
[[nodiscard]] std::vector<Statement> render_op(const AlterColumn& op, Connection& connection);
[[nodiscard]] std::vector<Statement> render_op(const CreateIndex& op, Connection& connection);
[[nodiscard]] std::vector<Statement> render_op(const DropIndex& op, Connection& connection);
[[nodiscard]] std::vector<Statement> render_op(const CreateUniqueConstraint& op,
                                               Connection& connection);
[[nodiscard]] std::vector<Statement> render_op(const CreatePrimaryKey& op, Connection& connection);
[[nodiscard]] std::vector<Statement> render_op(const CreateForeignKey& op, Connection& connection);
[[nodiscard]] std::vector<Statement> render_op(const CreateCheckConstraint& op,
                                               Connection& connection);
[[nodiscard]] std::vector<Statement> render_op(const DropConstraint& op, Connection& connection);
[[nodiscard]] std::vector<Statement> render_op(const BulkInsert& op, Connection& connection);
[[nodiscard]] std::vector<Statement> render_op(const Execute& op, Connection& connection);

}  // namespace migrate::sqlite
