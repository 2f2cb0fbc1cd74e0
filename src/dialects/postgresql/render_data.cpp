// bulk_insert, execute.
#include "dialects/common/bulk_insert.h"
#include "dialects/postgresql/quoting.h"
#include "dialects/postgresql/render.h"

namespace migrate::postgresql {

std::vector<Statement> render_op(const BulkInsert& op) {
  return dialects::render_bulk_insert(op, qualified(op.schema, op.table),
                                      {&quote_identifier, "TRUE", "FALSE"});
}

std::vector<Statement> render_op(const Execute& op) {
  if (op.sql) return {{*op.sql}};
  if (const auto found = op.per_dialect.find("postgresql"); found != op.per_dialect.end()) {
    return {{found->second}};
  }
  return {};  // written for other dialects only
}

}  // namespace migrate::postgresql
