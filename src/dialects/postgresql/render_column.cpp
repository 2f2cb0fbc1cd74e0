// add_column, drop_column, alter_column: PostgreSQL's ALTER TABLE does all of them in place.
#include <fmt/format.h>

#include "dialects/postgresql/ddl.h"
#include "dialects/postgresql/quoting.h"
#include "dialects/postgresql/render.h"
#include "dialects/postgresql/types.h"

namespace migrate::postgresql {

std::vector<Statement> render_op(const AddColumn& op) {
  const auto& column = op.column;
  const auto table = qualified(op.schema, op.table);
  // Alembic builds a one-column table for add_column, so a new integer primary-key column is
  // that table's single key and autoincrements (filling the existing rows with 1, 2, ...).
  const std::vector<std::string> key =
      column.primary_key ? std::vector<std::string>{column.name} : std::vector<std::string>{};
  std::vector<Statement> out{{fmt::format(
      "ALTER TABLE {} ADD COLUMN {}", table,
      column_definition(column, is_identity(column, key), column.primary_key, Inline::yes))}};
  for (auto& comment : column_comments(table, {column})) out.push_back(std::move(comment));
  return out;
}

std::vector<Statement> render_op(const DropColumn& op) {
  // Without CASCADE: an index or constraint on the column alone goes with it, but a view or a
  // foreign key elsewhere that needs it makes PostgreSQL refuse, which is the safe answer.
  return {{fmt::format("ALTER TABLE {} DROP COLUMN {}", qualified(op.schema, op.table),
                       quote_identifier(op.name))}};
}

std::vector<Statement> render_op(const AlterColumn& op) {
  // One ALTER per change, so that a failure names the change that failed. The order keeps
  // each step valid on its own: a default is dropped before a type change (the old default
  // may not cast to the new type) and set after it; the rename comes last, since every earlier
  // statement names the column by its old name.
  const auto alter = fmt::format("ALTER TABLE {} ALTER COLUMN {} ", qualified(op.schema, op.table),
                                 quote_identifier(op.name));
  std::vector<Statement> out;
  bool default_dropped = false;
  if (op.type) {
    if (op.default_) {
      out.push_back({alter + "DROP DEFAULT"});
      default_dropped = true;
    }
    // USING makes conversions that have no implicit cast (text -> integer, say) run, keeping
    // the rows; PostgreSQL raises an error naming the value that does not convert.
    const auto type = render_type(*op.type);
    out.push_back(
        {fmt::format("{}TYPE {} USING {}::{}", alter, type, quote_identifier(op.name), type)});
  }
  if (op.default_) {
    if (*op.default_) {
      out.push_back({alter + "SET DEFAULT " + **op.default_});
    } else if (!default_dropped) {
      out.push_back({alter + "DROP DEFAULT"});
    }
  }
  if (op.nullable) out.push_back({alter + (*op.nullable ? "DROP NOT NULL" : "SET NOT NULL")});
  if (op.new_name) {
    out.push_back(
        {fmt::format("ALTER TABLE {} RENAME COLUMN {} TO {}", qualified(op.schema, op.table),
                     quote_identifier(op.name), quote_identifier(*op.new_name))});
  }
  return out;
}

}  // namespace migrate::postgresql
