#include "dialects/sqlite/render.h"

#include "dialects/sqlite/quoting.h"
#include "dialects/sqlite/types.h"

namespace migrate::sqlite {
namespace {

class SqliteRenderer final : public dialects::SqlRenderer {
 public:
  std::vector<Statement> render_op(const CreateTable& op, Connection& c) const override {
    return sqlite::render_op(op, c);
  }
  std::vector<Statement> render_op(const AddColumn& op, Connection& c) const override {
    return sqlite::render_op(op, c);
  }
  std::vector<Statement> render_op(const DropColumn& op, Connection& c) const override {
    return sqlite::render_op(op, c);
  }
  std::vector<Statement> render_op(const AlterColumn& op, Connection& c) const override {
    return sqlite::render_op(op, c);
  }
  std::vector<Statement> render_op(const CreateIndex& op, Connection& c) const override {
    return sqlite::render_op(op, c);
  }
  std::vector<Statement> render_op(const CreateUniqueConstraint& op, Connection& c) const override {
    return sqlite::render_op(op, c);
  }
  std::vector<Statement> render_op(const CreatePrimaryKey& op, Connection& c) const override {
    return sqlite::render_op(op, c);
  }
  std::vector<Statement> render_op(const CreateForeignKey& op, Connection& c) const override {
    return sqlite::render_op(op, c);
  }
  std::vector<Statement> render_op(const CreateCheckConstraint& op, Connection& c) const override {
    return sqlite::render_op(op, c);
  }
  std::vector<Statement> render_op(const DropConstraint& op, Connection& c) const override {
    return sqlite::render_op(op, c);
  }
  using SqlRenderer::render_op;  // the standard SQL for the others

 protected:
  std::string_view dialect_name() const override { return "sqlite"; }
  std::string_view display_name() const override { return "SQLite"; }
  std::string quote_identifier(std::string_view name) const override {
    return sqlite::quote_identifier(name);
  }
  std::string quote_literal(std::string_view text) const override {
    return sqlite::quote_literal(text);
  }
  std::string render_type(std::string_view type) const override {
    return sqlite::render_type(type);
  }
  // SQLite has no boolean storage class; SQLAlchemy stores 1 and 0.
  std::string_view true_literal() const override { return "1"; }
  std::string_view false_literal() const override { return "0"; }
};

}  // namespace

const dialects::SqlRenderer& renderer() {
  static const SqliteRenderer instance;
  return instance;
}

}  // namespace migrate::sqlite
