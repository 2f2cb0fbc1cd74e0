// create_index, drop_index.
#include <fmt/format.h>

#include "dialects/postgresql/ddl.h"
#include "dialects/postgresql/quoting.h"
#include "dialects/postgresql/render.h"

namespace migrate::postgresql {
namespace {

// A column name is quoted; an expression, written in parentheses, is SQL and kept as is.
std::string index_item(std::string_view item) {
  const auto start = item.find_first_not_of(" \t\r\n");
  if (start != std::string_view::npos && item[start] == '(') return std::string(item);
  return quote_identifier(item);
}

}  // namespace

std::vector<Statement> render_op(const CreateIndex& op) {
  require_columns("create_index", op.name, op.columns);
  std::vector<std::string> items;
  for (const auto& column : op.columns) items.push_back(index_item(column));
  // The index name takes no schema: PostgreSQL always puts an index in its table's schema.
  // CONCURRENTLY cannot run inside a transaction; a script using it says `transactional:
  // false`, and PostgreSQL's own error says so otherwise.
  return {{fmt::format("CREATE {}INDEX {}{} ON {} ({}){}", op.unique ? "UNIQUE " : "",
                       op.concurrently ? "CONCURRENTLY " : "", quote_identifier(op.name),
                       qualified(op.schema, op.table), fmt::join(items, ", "),
                       op.where ? " WHERE " + *op.where : "")}};
}

std::vector<Statement> render_op(const DropIndex& op) {
  // Index names are unique per schema, so `table` is not needed.
  return {{fmt::format("DROP INDEX {}{}", op.concurrently ? "CONCURRENTLY " : "",
                       qualified(op.schema, op.name))}};
}

}  // namespace migrate::postgresql
