#pragma once
// bulk_insert's INSERT statements, which differ between dialects only in how they spell names
// and booleans.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "migrate/dialects/dialect.h"
#include "migrate/ops/operation.h"

namespace migrate::dialects {

struct BulkInsertSyntax {
  std::function<std::string(std::string_view)> quote_identifier;
  std::string_view true_literal;  // SQLite stores booleans as 1/0, as SQLAlchemy does
  std::string_view false_literal;
};

// One INSERT per row into `qualified_table`, so that a failure names the row. Strings become
// single-quoted literals (the database casts them to the column's type), numbers must be
// decimal numbers as YAML wrote them, so that no unchecked text reaches SQL; anything else is
// an Error naming the table, column and value.
std::vector<Statement> render_bulk_insert(const BulkInsert& op, std::string_view qualified_table,
                                          const BulkInsertSyntax& syntax);

}  // namespace migrate::dialects
