#include "dialects/mysql/render.h"

#include <fmt/format.h>

#include "dialects/mysql/column_definition.h"
#include "dialects/mysql/quoting.h"
#include "dialects/mysql/types.h"
#include "migrate/core/error.h"

namespace migrate::mysql {
namespace {

class MysqlRenderer final : public dialects::SqlRenderer {
 public:
  std::vector<Statement> render_op(const AlterColumn& op, Connection& c) const override;
  std::vector<Statement> render_op(const CreateIndex& op, Connection& c) const override;
  std::vector<Statement> render_op(const DropIndex& op, Connection& c) const override;
  std::vector<Statement> render_op(const DropConstraint& op, Connection& c) const override;
  std::vector<Statement> render_op(const Execute& op, Connection& c) const override;
  using SqlRenderer::render_op;  // the standard SQL for the others

 protected:
  std::string_view dialect_name() const override { return "mysql"; }
  std::vector<std::string> dialect_keys() const override { return migrate::dialect_keys("mysql"); }
  std::string_view display_name() const override { return "MySQL"; }
  std::string quote_identifier(std::string_view name) const override {
    return mysql::quote_identifier(name);
  }
  std::string quote_literal(std::string_view text) const override {
    return mysql::quote_literal(text);
  }
  std::string render_type(std::string_view type) const override { return mysql::render_type(type); }
  std::string autoincrement_clause() const override { return " AUTO_INCREMENT"; }
  std::string inline_comment(const Column& column) const override {
    return column.comment ? " COMMENT " + quote_literal(*column.comment) : std::string();
  }
  std::string table_options() const override { return " ENGINE=InnoDB"; }
};

// MODIFY COLUMN restates the whole column: whatever it leaves out (the default, NOT NULL, the
// comment) is dropped. So the definition is the current one, read from the database, with the
// operation's changes applied; the rename comes last, as every statement before it names the
// column by its old name.
std::vector<Statement> MysqlRenderer::render_op(const AlterColumn& op, Connection& c) const {
  const auto table = qualified(op.schema, op.table);
  std::vector<Statement> out;
  if (op.type || op.nullable || op.default_ || op.comment) {
    ColumnDefinition definition = current_definition(c, op);
    if (op.type) definition.type = render_type(*op.type);
    if (op.nullable) definition.nullable = *op.nullable;
    if (op.default_) definition.default_ = *op.default_;
    if (op.comment) definition.comment = *op.comment;
    out.push_back({fmt::format("ALTER TABLE {} MODIFY COLUMN {} {}", table,
                               quote_identifier(op.name), mysql::render(definition))});
  }
  if (op.new_name) {
    out.push_back({fmt::format("ALTER TABLE {} RENAME COLUMN {} TO {}", table,
                               quote_identifier(op.name), quote_identifier(*op.new_name))});
  }
  return out;
}

std::vector<Statement> MysqlRenderer::render_op(const CreateIndex& op, Connection& c) const {
  if (op.where) {
    throw Error(fmt::format(
        "index '{}' has a `where`, and MySQL has no partial indexes; index a generated column "
        "instead, or give the index to PostgreSQL and SQLite only (execute with a dialect key)",
        op.name));
  }
  // `concurrently` is PostgreSQL's word; InnoDB builds a secondary index in place and lets
  // writes through (ALGORITHM=INPLACE, LOCK=NONE) by itself.
  CreateIndex standard = op;
  standard.concurrently = false;
  return SqlRenderer::render_op(standard, c);
}

std::vector<Statement> MysqlRenderer::render_op(const DropIndex& op, Connection&) const {
  if (!op.table) {
    throw Error(fmt::format(
        "drop_index '{}' needs `table` on MySQL, where index names belong to their table",
        op.name));
  }
  return {{fmt::format("DROP INDEX {} ON {}", quote_identifier(op.name),
                       qualified(op.schema, *op.table))}};
}

std::vector<Statement> MysqlRenderer::render_op(const DropConstraint& op, Connection& c) const {
  const auto table = qualified(op.schema, op.table);
  const ConstraintType type = op.type == ConstraintType::any ? constraint_type(c, op) : op.type;
  switch (type) {
    case ConstraintType::foreignkey:
      return {
          {fmt::format("ALTER TABLE {} DROP FOREIGN KEY {}", table, quote_identifier(op.name))}};
    case ConstraintType::unique:
      return {{fmt::format("ALTER TABLE {} DROP INDEX {}", table, quote_identifier(op.name))}};
    case ConstraintType::primary:
      return {{fmt::format("ALTER TABLE {} DROP PRIMARY KEY", table)}};
    case ConstraintType::check:
    case ConstraintType::any:
      break;
  }
  // DROP CONSTRAINT: MariaDB 10.2+ and MySQL 8.0.19+ find a check constraint by name.
  return {{fmt::format("ALTER TABLE {} DROP CONSTRAINT {}", table, quote_identifier(op.name))}};
}

std::vector<Statement> MysqlRenderer::render_op(const Execute& op, Connection&) const {
  if (op.sql) return {{*op.sql}};
  for (const char* key : {"mysql", "mariadb"}) {  // `mariadb` is an alias
    if (const auto found = op.per_dialect.find(key); found != op.per_dialect.end()) {
      return {{found->second}};
    }
  }
  return {};  // written for other dialects only
}

}  // namespace

const dialects::SqlRenderer& renderer() {
  static const MysqlRenderer instance;
  return instance;
}

}  // namespace migrate::mysql
