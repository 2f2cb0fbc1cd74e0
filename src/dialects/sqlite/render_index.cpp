// create_index (drop_index is standard SQL: dialects::SqlRenderer).
#include <fmt/format.h>

#include "dialects/sqlite/quoting.h"
#include "dialects/sqlite/render.h"

namespace migrate::sqlite {
namespace {

// A column name is quoted; an expression, written in parentheses, is SQL and kept as is.
std::string index_item(std::string_view item) {
  const auto start = item.find_first_not_of(" \t\r\n");
  if (start != std::string_view::npos && item[start] == '(') return std::string(item);
  return quote_identifier(item);
}

}  // namespace

std::vector<Statement> render_op(const CreateIndex& op, Connection&) {
  // `concurrently` is PostgreSQL's; SQLite has no such thing and builds the index in the
  // transaction.
  std::vector<std::string> items;
  for (const auto& column : op.columns) items.push_back(index_item(column));
  return {{fmt::format("CREATE {}INDEX {} ON {} ({}){}", op.unique ? "UNIQUE " : "",
                       qualified(op.schema, op.name), quote_identifier(op.table),
                       fmt::join(items, ", "), op.where ? " WHERE " + *op.where : "")}};
}

}  // namespace migrate::sqlite
