// bulk_insert, execute.
#include "dialects/common/bulk_insert.h"
#include "dialects/sqlite/quoting.h"
#include "dialects/sqlite/render.h"

namespace migrate::sqlite {

std::vector<Statement> render_op(const BulkInsert& op, Connection&) {
  // SQLite has no boolean storage class; SQLAlchemy stores 1 and 0.
  return dialects::render_bulk_insert(op, qualified(op.schema, op.table),
                                      {&quote_identifier, "1", "0"});
}

std::vector<Statement> render_op(const Execute& op, Connection&) {
  if (op.sql) return {{*op.sql}};
  if (const auto found = op.per_dialect.find("sqlite"); found != op.per_dialect.end()) {
    return {{found->second}};
  }
  return {};  // written for other dialects only
}

}  // namespace migrate::sqlite
