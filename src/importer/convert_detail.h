#pragma once
// Shared by the converter's files: the exception that marks one statement unconvertible, and the
// literal readers. Not a public interface.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "importer/python_ast.h"
#include "migrate/ops/operation.h"

namespace migrate::importer::detail {

// Thrown while converting one statement: it has no migrate form; `why` says what part.
struct Unsupported {
  std::string why;
};

// A table declared in the function with sa.table()/table(), for bulk_insert.
struct TableAlias {
  std::string name;
  std::optional<std::string> schema;
};

// What the converter knows while reading a function body.
struct Scope {
  std::vector<std::string> binds;     // names bound to op.get_bind() / op.get_context()
  std::vector<std::string> dialects;  // names bound to <bind>.dialect.name
  std::map<std::string, TableAlias> tables;
  std::optional<TableAlias> batch;  // inside `with op.batch_alter_table(...) as <batch_name>`
  std::string batch_name;
};

[[nodiscard]] std::string string_of(const Expr* expr, std::string_view what);
[[nodiscard]] std::optional<std::string> optional_string(const Expr* expr, std::string_view what);
[[nodiscard]] bool bool_of(const Expr* expr, std::string_view what);
[[nodiscard]] std::vector<std::string> strings_of(const Expr* expr, std::string_view what);
// A string, op.f("..."), or sa.text("...") literal; nullopt for None.
[[nodiscard]] std::optional<std::string> name_of(const Expr* expr, std::string_view what);
// "sa.text('x')" or "text('x')": the literal SQL; a plain string as itself.
[[nodiscard]] std::string sql_of(const Expr* expr, std::string_view what);
// The last part of a dotted callee: "create_table" for op.create_table.
[[nodiscard]] std::string last_name(const Expr& expr);
[[nodiscard]] std::string callee_name(const Expr& call);

// Column and type (alembic_columns.cpp).
[[nodiscard]] std::string type_of(const Expr& expr);
[[nodiscard]] Column column_of(const Expr& call, std::vector<CreateIndex>* indexes,
                               const std::string& table);
// A column type with its per-dialect forms (Column::type and dialect_types): SQLAlchemy types
// whose DDL differs per dialect beyond SPEC §7's generic names.
struct TypeSpec {
  std::string type;
  DialectTypes per_dialect;
};
[[nodiscard]] TypeSpec type_spec_of(const Expr& expr);
// alter_column(type_=...).
void assign_type(AlterColumn& op, const Expr& type);
// sa.Enum / postgresql.ENUM / mysql.ENUM (convert_enum.cpp).
[[nodiscard]] bool is_enum_type(const Expr& expr);
[[nodiscard]] TypeSpec enum_type_of(const Expr& expr);
// What op.create_table runs before CREATE TABLE: PostgreSQL's CREATE TYPE for each named Enum of
// its columns, as `execute: {postgresql: ...}` operations.
[[nodiscard]] std::vector<Operation> types_created_by(const Expr& create_table_call);
// server_default's value: a quoted literal, or the SQL of sa.text(); nullopt for None.
[[nodiscard]] std::optional<std::string> server_default_of(const Expr& expr);

// One op.* (or batch_op.*) call (alembic_ops.cpp). Appends to `out`.
void convert_call(const Expr& call, const Scope& scope, std::vector<Operation>& out);
// A literal row value for bulk_insert.
[[nodiscard]] Value value_of(const Expr& expr);

// Rejects any keyword not in `known` (dialect keywords and existing_* are checked by callers).
void check_keywords(const Expr& call, const std::vector<std::string_view>& known);

}  // namespace migrate::importer::detail
