#include "dialects/common/sql_renderer.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <variant>

#include "dialects/common/bulk_insert.h"
#include "dialects/common/type_map.h"
#include "migrate/core/error.h"
#include "migrate/core/text.h"

namespace migrate::dialects {

std::vector<Statement> SqlRenderer::render(const Operation& op, Connection& connection) const {
  // No catch-all overload on purpose: see sql_renderer.h. A per-dialect column type is rendered
  // as the type this dialect gets, so no render_op sees a mapping.
  return std::visit([&](const auto& alternative) { return render_op(alternative, connection); },
                    resolve_types(op, dialect_keys()));
}

// ---- tables ----

std::vector<Statement> SqlRenderer::render_op(const CreateTable& op, Connection&) const {
  const auto key = primary_key_columns(op);
  const auto member = [&](const std::string& name) {
    return std::find(key.begin(), key.end(), name) != key.end();
  };
  // SQLAlchemy's layout: the columns, then every constraint at table level (a column's
  // `unique` and `references` too), one per line.
  std::vector<std::string> lines;
  for (const auto& column : op.columns) {
    lines.push_back(
        column_definition(column, autoincrements(column, key), member(column.name), Inline::no));
  }
  if (!key.empty()) {
    lines.push_back(fmt::format("{}PRIMARY KEY ({})", constraint_prefix(op.primary_key_name),
                                column_list(key)));
  }
  for (const auto& column : op.columns) {
    if (column.unique) lines.push_back(fmt::format("UNIQUE ({})", column_list({column.name})));
  }
  for (const auto& unique : op.unique) {
    require_columns("create_table unique constraint of", op.name, unique.columns);
    lines.push_back(
        fmt::format("{}UNIQUE ({})", constraint_prefix(unique.name), column_list(unique.columns)));
  }
  for (const auto& column : op.columns) {
    if (!column.references) continue;
    const auto& ref = *column.references;
    lines.push_back(foreign_key_clause({column.name}, std::nullopt, ref.table, {ref.column},
                                       ref.ondelete, ref.onupdate));
  }
  for (const auto& fk : op.foreign_keys) {
    lines.push_back(constraint_prefix(fk.name) + foreign_key_clause(fk.columns, fk.ref_schema,
                                                                    fk.ref_table, fk.ref_columns,
                                                                    fk.ondelete, fk.onupdate));
  }
  for (const auto& check : op.checks) {
    lines.push_back(fmt::format("{}CHECK ({})", constraint_prefix(check.name), check.condition));
  }
  const auto table = qualified(op.schema, op.name);
  std::vector<Statement> out{
      {fmt::format("CREATE TABLE {}{} (\n  {}\n){}", op.if_not_exists ? "IF NOT EXISTS " : "",
                   table, fmt::join(lines, ",\n  "), table_options())}};
  for (auto& comment : column_comments(table, op.columns)) out.push_back(std::move(comment));
  return out;
}

std::vector<Statement> SqlRenderer::render_op(const DropTable& op, Connection&) const {
  return {{fmt::format("DROP TABLE {}{}", op.if_exists ? "IF EXISTS " : "",
                       qualified(op.schema, op.name))}};
}

std::vector<Statement> SqlRenderer::render_op(const RenameTable& op, Connection&) const {
  // The new name takes no schema: ALTER TABLE ... RENAME keeps the table in its schema.
  return {{fmt::format("ALTER TABLE {} RENAME TO {}", qualified(op.schema, op.name),
                       quote_identifier(op.new_name))}};
}

// ---- columns ----

std::vector<Statement> SqlRenderer::render_op(const AddColumn& op, Connection&) const {
  const auto& column = op.column;
  const auto table = qualified(op.schema, op.table);
  // Alembic builds a one-column table for add_column, so a new integer primary-key column is
  // that table's single key and autoincrements (filling the existing rows with 1, 2, ...).
  const std::vector<std::string> key =
      column.primary_key ? std::vector<std::string>{column.name} : std::vector<std::string>{};
  std::vector<Statement> out{{fmt::format(
      "ALTER TABLE {} ADD COLUMN {}", table,
      column_definition(column, autoincrements(column, key), column.primary_key, Inline::yes))}};
  for (auto& comment : column_comments(table, {column})) out.push_back(std::move(comment));
  return out;
}

std::vector<Statement> SqlRenderer::render_op(const DropColumn& op, Connection&) const {
  // Without CASCADE: an index or constraint on the column alone goes with it, but a view or a
  // foreign key elsewhere that needs it makes the database refuse, which is the safe answer.
  return {{fmt::format("ALTER TABLE {} DROP COLUMN {}", qualified(op.schema, op.table),
                       quote_identifier(op.name))}};
}

std::vector<Statement> SqlRenderer::render_op(const AlterColumn& op, Connection&) const {
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
    out.push_back({alter + type_change(op.name, render_type(*op.type))});
  }
  if (op.default_) {
    if (*op.default_) {
      out.push_back({alter + "SET DEFAULT " + **op.default_});
    } else if (!default_dropped) {
      out.push_back({alter + "DROP DEFAULT"});
    }
  }
  if (op.nullable) out.push_back({alter + (*op.nullable ? "DROP NOT NULL" : "SET NOT NULL")});
  if (op.comment) {
    out.push_back({fmt::format("COMMENT ON COLUMN {}.{} IS {}", qualified(op.schema, op.table),
                               quote_identifier(op.name),
                               *op.comment ? quote_literal(**op.comment) : "NULL")});
  }
  if (op.new_name) {
    out.push_back(
        {fmt::format("ALTER TABLE {} RENAME COLUMN {} TO {}", qualified(op.schema, op.table),
                     quote_identifier(op.name), quote_identifier(*op.new_name))});
  }
  return out;
}

std::string SqlRenderer::type_change(std::string_view, const std::string& type) const {
  return "TYPE " + type;
}

// ---- indexes ----

std::vector<Statement> SqlRenderer::render_op(const CreateIndex& op, Connection&) const {
  require_columns("create_index", op.name, op.columns);
  std::vector<std::string> items;
  for (const auto& column : op.columns) items.push_back(index_item(column));
  // The index name takes no schema: an index lives in its table's schema. CONCURRENTLY cannot
  // run inside a transaction; a script using it says `transactional: false`, and the
  // database's own error says so otherwise.
  return {{fmt::format("CREATE {}INDEX {}{} ON {} ({}){}", op.unique ? "UNIQUE " : "",
                       op.concurrently ? concurrently() : "", quote_identifier(op.name),
                       qualified(op.schema, op.table), fmt::join(items, ", "),
                       op.where ? " WHERE " + *op.where : "")}};
}

std::vector<Statement> SqlRenderer::render_op(const DropIndex& op, Connection&) const {
  // Index names are unique per schema, so `table` is not needed.
  return {{fmt::format("DROP INDEX {}{}", op.concurrently ? concurrently() : "",
                       qualified(op.schema, op.name))}};
}

// ---- constraints ----

namespace {

Statement add_constraint(std::string_view table, std::string_view name, std::string_view clause) {
  return {fmt::format("ALTER TABLE {} ADD CONSTRAINT {} {}", table, name, clause)};
}

}  // namespace

std::vector<Statement> SqlRenderer::render_op(const CreateUniqueConstraint& op, Connection&) const {
  require_columns("create_unique_constraint", op.name, op.columns);
  return {add_constraint(qualified(op.schema, op.table), quote_identifier(op.name),
                         fmt::format("UNIQUE ({})", column_list(op.columns)))};
}

std::vector<Statement> SqlRenderer::render_op(const CreatePrimaryKey& op, Connection&) const {
  // The database makes the key columns NOT NULL itself (and refuses if a row holds NULL).
  require_columns("create_primary_key", op.name, op.columns);
  return {add_constraint(qualified(op.schema, op.table), quote_identifier(op.name),
                         fmt::format("PRIMARY KEY ({})", column_list(op.columns)))};
}

std::vector<Statement> SqlRenderer::render_op(const CreateForeignKey& op, Connection&) const {
  require_columns("create_foreign_key", op.name, op.columns);
  require_columns("create_foreign_key", op.name, op.ref_columns);
  return {add_constraint(qualified(op.schema, op.table), quote_identifier(op.name),
                         foreign_key_clause(op.columns, op.ref_schema, op.ref_table, op.ref_columns,
                                            op.ondelete, op.onupdate) +
                             std::string(op.not_valid ? not_valid() : ""))};
}

std::vector<Statement> SqlRenderer::render_op(const CreateCheckConstraint& op, Connection&) const {
  return {
      add_constraint(qualified(op.schema, op.table), quote_identifier(op.name),
                     fmt::format("CHECK ({}){}", op.condition, op.not_valid ? not_valid() : ""))};
}

std::vector<Statement> SqlRenderer::render_op(const DropConstraint& op, Connection&) const {
  // A constraint is found by its name alone, so `type` (which the script parser has already
  // checked) changes nothing in standard SQL; Alembic's default implementation ignores it too.
  return {{fmt::format("ALTER TABLE {} DROP CONSTRAINT {}", qualified(op.schema, op.table),
                       quote_identifier(op.name))}};
}

// ---- data ----

std::vector<Statement> SqlRenderer::render_op(const BulkInsert& op, Connection&) const {
  const BulkInsertSyntax syntax{[this](std::string_view name) { return quote_identifier(name); },
                                true_literal(), false_literal()};
  return render_bulk_insert(op, qualified(op.schema, op.table), syntax);
}

std::vector<Statement> SqlRenderer::render_op(const Execute& op, Connection&) const {
  if (op.sql) return {{*op.sql}};
  if (const auto found = op.per_dialect.find(std::string(dialect_name()));
      found != op.per_dialect.end()) {
    return {{found->second}};
  }
  return {};  // written for other dialects only
}

// ---- building blocks ----

std::vector<Statement> SqlRenderer::column_comments(const std::string&,
                                                    const std::vector<Column>&) const {
  return {};
}

std::string SqlRenderer::inline_comment(const Column&) const { return {}; }

std::string SqlRenderer::qualified(const std::optional<std::string>& schema,
                                   std::string_view name) const {
  if (!schema || schema->empty()) return quote_identifier(name);
  return quote_identifier(*schema) + "." + quote_identifier(name);
}

std::string SqlRenderer::column_list(const std::vector<std::string>& names) const {
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "" : ", ") + quote_identifier(name);
  return out;
}

bool SqlRenderer::autoincrements(const Column& column,
                                 const std::vector<std::string>& key_columns) {
  if (!is_generic_integer_type(column.type) || column.default_) return false;
  const bool sole_key = key_columns.size() == 1 && key_columns.front() == column.name;
  return column.autoincrement.value_or(sole_key);
}

std::string SqlRenderer::column_definition(const Column& column, bool autoincrement,
                                           bool key_member, Inline clauses) const {
  std::string sql = quote_identifier(column.name) + " " + render_type(column.type);
  if (autoincrement) sql += autoincrement_clause();
  if (column.default_) sql += " DEFAULT " + *column.default_;
  if (!column.nullable.value_or(!key_member)) sql += " NOT NULL";
  sql += inline_comment(column);
  if (clauses == Inline::yes) {
    if (column.primary_key) sql += " PRIMARY KEY";
    if (column.unique) sql += " UNIQUE";
    if (column.references) {
      const auto& ref = *column.references;
      sql += " " + references(std::nullopt, ref.table, {ref.column}, ref.ondelete, ref.onupdate);
    }
  }
  return sql;
}

std::string SqlRenderer::references(const std::optional<std::string>& schema,
                                    std::string_view table, const std::vector<std::string>& columns,
                                    const std::optional<std::string>& ondelete,
                                    const std::optional<std::string>& onupdate) const {
  return fmt::format("REFERENCES {} ({}){}{}", qualified(schema, table), column_list(columns),
                     referential_action("DELETE", ondelete),
                     referential_action("UPDATE", onupdate));
}

std::string SqlRenderer::constraint_prefix(const std::optional<std::string>& name) const {
  return name ? "CONSTRAINT " + quote_identifier(*name) + " " : std::string();
}

std::string SqlRenderer::foreign_key_clause(const std::vector<std::string>& columns,
                                            const std::optional<std::string>& ref_schema,
                                            std::string_view ref_table,
                                            const std::vector<std::string>& ref_columns,
                                            const std::optional<std::string>& ondelete,
                                            const std::optional<std::string>& onupdate) const {
  return fmt::format("FOREIGN KEY ({}) {}", column_list(columns),
                     references(ref_schema, ref_table, ref_columns, ondelete, onupdate));
}

std::string SqlRenderer::referential_action(std::string_view clause,
                                            const std::optional<std::string>& action) const {
  if (!action) return {};
  constexpr std::array<std::string_view, 5> kActions{"CASCADE", "SET NULL", "SET DEFAULT",
                                                     "RESTRICT", "NO ACTION"};
  const auto keyword = upper(*action);
  if (std::find(kActions.begin(), kActions.end(), keyword) == kActions.end()) {
    throw Error(
        fmt::format("'{}: {}' is not a referential action {} knows; use one of "
                    "CASCADE, SET NULL, SET DEFAULT, RESTRICT, NO ACTION",
                    clause == "DELETE" ? "ondelete" : "onupdate", *action, display_name()));
  }
  return fmt::format(" ON {} {}", clause, keyword);
}

std::string SqlRenderer::index_item(std::string_view item) const {
  const auto start = item.find_first_not_of(" \t\r\n");
  if (start != std::string_view::npos && item[start] == '(') return std::string(item);
  return quote_identifier(item);
}

void SqlRenderer::require_columns(std::string_view operation, std::string_view name,
                                  const std::vector<std::string>& columns) {
  if (columns.empty()) throw Error(fmt::format("{} '{}' lists no columns", operation, name));
}

}  // namespace migrate::dialects
