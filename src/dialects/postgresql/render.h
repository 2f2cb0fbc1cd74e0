#pragma once
// PostgreSQL SQL for operations (SPEC §6): native DDL, one statement per change, never a table
// rebuild. One render_op overload per operation type; render() visits the variant with them and
// no generic fallback, so an operation added to migrate::Operation without an overload here is
// a compile error (Alembic's implementation_for, checked by the compiler).
//
// Unlike SQLite's, this rendering never needs the table's current shape: the connection is not
// consulted, so --sql output needs no shadow database.
//
// The overloads live by family: render_table.cpp, render_column.cpp, render_index.cpp,
// render_constraint.cpp, render_data.cpp.
#include <vector>

#include "migrate/dialects/dialect.h"
#include "migrate/ops/operation.h"

namespace migrate::postgresql {

[[nodiscard]] std::vector<Statement> render(const Operation& op);

[[nodiscard]] std::vector<Statement> render_op(const CreateTable& op);
[[nodiscard]] std::vector<Statement> render_op(const DropTable& op);
[[nodiscard]] std::vector<Statement> render_op(const RenameTable& op);
[[nodiscard]] std::vector<Statement> render_op(const AddColumn& op);
[[nodiscard]] std::vector<Statement> render_op(const DropColumn& op);
[[nodiscard]] std::vector<Statement> render_op(const AlterColumn& op);
[[nodiscard]] std::vector<Statement> render_op(const CreateIndex& op);
[[nodiscard]] std::vector<Statement> render_op(const DropIndex& op);
[[nodiscard]] std::vector<Statement> render_op(const CreateUniqueConstraint& op);
[[nodiscard]] std::vector<Statement> render_op(const CreatePrimaryKey& op);
[[nodiscard]] std::vector<Statement> render_op(const CreateForeignKey& op);
[[nodiscard]] std::vector<Statement> render_op(const CreateCheckConstraint& op);
[[nodiscard]] std::vector<Statement> render_op(const DropConstraint& op);
[[nodiscard]] std::vector<Statement> render_op(const BulkInsert& op);
[[nodiscard]] std::vector<Statement> render_op(const Execute& op);

}  // namespace migrate::postgresql
