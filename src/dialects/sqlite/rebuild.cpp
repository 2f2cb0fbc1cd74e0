#include "dialects/sqlite/rebuild.h"

#include <fmt/format.h>

#include <algorithm>

#include "dialects/sqlite/connection.h"
#include "dialects/sqlite/quoting.h"
#include "dialects/sqlite/sql_tokenizer.h"
#include "migrate/core/error.h"

namespace migrate::sqlite {
namespace {

constexpr std::string_view kTemporaryPrefix = kRebuildTablePrefix;

// "schema".sqlite_master, or sqlite_master for the main database.
std::string master(const TableName& table) {
  return table.schema ? quote_identifier(*table.schema) + ".sqlite_master" : "sqlite_master";
}

std::string schema_argument(const TableName& table) {
  return table.schema ? ", " + quote_literal(*table.schema) : std::string();
}

// CREATE INDEX / CREATE TRIGGER text from sqlite_master, ready to run again: without the
// trailing whitespace SQLite may have kept (so that --sql output and an online run store the same
// text), and, in an attached database, with the object named "schema".name.
std::string recreate(std::string sql, const TableName& table) {
  sql.erase(sql.find_last_not_of(" \t\r\n") + 1);
  if (!table.schema) return sql;
  const auto tokens = tokenize(sql);
  std::size_t i = 0;
  while (i < tokens.size() && !tokens[i].is("INDEX") && !tokens[i].is("TRIGGER")) ++i;
  ++i;
  if (i + 2 < tokens.size() && tokens[i].is("IF")) i += 3;  // IF NOT EXISTS
  if (i >= tokens.size() || (i + 1 < tokens.size() && tokens[i + 1].is_punctuation('.'))) {
    return sql;
  }
  return sql.substr(0, tokens[i].begin) + quote_identifier(*table.schema) + "." +
         sql.substr(tokens[i].begin);
}

bool names_any(const std::vector<std::string>& names, const std::vector<std::string>& wanted) {
  return std::any_of(names.begin(), names.end(), [&](const std::string& name) {
    return std::any_of(wanted.begin(), wanted.end(),
                       [&](const std::string& w) { return iequals(name, w); });
  });
}

std::string text(const std::optional<std::string>& value) { return value.value_or(""); }

// The columns whose values are copied: in both shapes, and stored (a generated column cannot be
// inserted into).
std::vector<std::string> copied_columns(const TableDefinition& from, const TableDefinition& to) {
  std::vector<std::string> names;
  for (const auto& column : to.columns) {
    const auto* old = from.find_column(column.name);
    if (old == nullptr || old->has(ConstraintKind::generated) ||
        column.has(ConstraintKind::generated)) {
      continue;
    }
    names.push_back(quote_identifier(column.name));
  }
  return names;
}

}  // namespace

TableRebuild::TableRebuild(Connection& connection, const TableName& table) : table_(table) {
  const auto rows = connection.query(
      fmt::format("SELECT type, name, sql FROM {} WHERE tbl_name = {} COLLATE NOCASE AND sql IS "
                  "NOT NULL ORDER BY rowid",
                  master(table), quote_literal(table.name)));
  std::optional<std::string> create;
  for (const auto& row : rows) {
    const auto type = text(row.at(0));
    if (type == "table") {
      table_.name = text(row.at(1));
      create = text(row.at(2));
    } else if (type == "index") {
      indexes_.push_back({text(row.at(1)), text(row.at(2))});
    } else if (type == "trigger") {
      triggers_.push_back({text(row.at(1)), text(row.at(2))});
    }
  }
  const auto display = table.schema ? *table.schema + "." + table.name : table.name;
  if (!create) {
    throw Error(fmt::format("Cannot alter table '{}': it does not exist in the database", display));
  }
  if (const auto tokens = tokenize(*create); tokens.size() > 1 && tokens[1].is("VIRTUAL")) {
    throw Error(fmt::format(
        "Cannot alter virtual table '{}': SQLite virtual tables cannot be rebuilt; drop and "
        "re-create it with `execute`",
        display));
  }
  original_ = parse_create_table(*create);
  definition_ = original_;

  // With legacy_alter_table off, ALTER TABLE RENAME re-parses every view and trigger of the
  // schema and fails when one of them names the table dropped a statement earlier.
  const auto others = connection.query(fmt::format(
      "SELECT count(*) FROM {} WHERE type = 'view' OR (type = 'trigger' AND tbl_name <> {} COLLATE "
      "NOCASE)",
      master(table), quote_literal(table_.name)));
  needs_legacy_alter_ = !others.empty() && text(others.front().at(0)) != "0";

  for (const auto& row : connection.query(fmt::format(
           "SELECT DISTINCT m.name FROM {} AS m, pragma_foreign_key_list(m.name{}) AS f WHERE "
           "m.type = 'table' AND f.\"table\" = {} COLLATE NOCASE AND m.name <> {} COLLATE NOCASE "
           "ORDER BY m.name",
           master(table), schema_argument(table), quote_literal(table_.name),
           quote_literal(table_.name)))) {
    children_.push_back(text(row.at(0)));
  }
}

void TableRebuild::drop_column(std::string_view column) {
  definition_.drop_column(table_.name, column);
  dropped_columns_.emplace_back(column);
}

std::vector<Statement> TableRebuild::statements() const {
  const auto target = [&](std::string_view name) { return qualified(table_.schema, name); };
  const std::string temporary = std::string(kTemporaryPrefix) + table_.name;
  std::vector<Statement> out;
  // SQLite's documented procedure asks for legacy_alter_table (or schema_version tricks) so that
  // the rename neither rewrites nor re-checks other objects; it is switched back right after.
  if (needs_legacy_alter_) out.push_back({"PRAGMA legacy_alter_table=ON"});
  out.push_back({definition_.render(target(temporary))});
  const auto columns = copied_columns(original_, definition_);
  if (!columns.empty()) {
    const auto list = fmt::format("{}", fmt::join(columns, ", "));
    out.push_back({fmt::format("INSERT INTO {} ({}) SELECT {} FROM {}", target(temporary), list,
                               list, target(table_.name))});
  }
  out.push_back({fmt::format("DROP TABLE {}", target(table_.name))});
  out.push_back({fmt::format("ALTER TABLE {} RENAME TO {}", target(temporary),
                             quote_identifier(table_.name))});
  if (needs_legacy_alter_) out.push_back({"PRAGMA legacy_alter_table=OFF"});
  for (const auto& index : indexes_) {
    // An index on a dropped column goes with it, as in PostgreSQL.
    if (names_any(index_mentions(index.sql), dropped_columns_)) continue;
    out.push_back({recreate(index.sql, table_)});
  }
  for (const auto& trigger : triggers_) out.push_back({recreate(trigger.sql, table_)});
  const auto pragma = table_.schema ? quote_identifier(*table_.schema) + ".foreign_key_check"
                                    : std::string("foreign_key_check");
  // Rows that no longer satisfy a foreign key, in this table or in a table referring to it.
  const auto check = [&](const std::string& table) {
    return Statement{fmt::format("PRAGMA {}({})", pragma, quote_identifier(table)),
                     true,
                     "rows break a foreign key",
                     {"table", "rowid", "references"}};
  };
  out.push_back(check(table_.name));
  for (const auto& child : children_) out.push_back(check(child));
  return out;
}

bool column_is_indexed(Connection& connection, const TableName& table, std::string_view column) {
  for (const auto& row : connection.query(fmt::format(
           "SELECT sql FROM {} WHERE type = 'index' AND tbl_name = {} COLLATE NOCASE AND sql IS "
           "NOT NULL",
           master(table), quote_literal(table.name)))) {
    if (names_any(index_mentions(text(row.at(0))), {std::string(column)})) return true;
  }
  return false;
}

}  // namespace migrate::sqlite
