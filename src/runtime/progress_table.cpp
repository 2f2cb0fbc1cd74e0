#include "migrate/runtime/progress_table.h"

#include <fmt/format.h>

#include <numeric>

#include "migrate/core/checksum.h"
#include "migrate/core/error.h"
#include "migrate/ops/operation.h"

namespace migrate {
namespace {

Column column(std::string name, std::string type) {
  Column c;
  c.name = std::move(name);
  c.type = std::move(type);
  c.nullable = false;
  c.autoincrement = false;
  return c;
}

// Rendered by the dialect itself, like any create_table, so every dialect can hold it.
CreateTable definition_of(const TableName& table, std::string_view text_type) {
  CreateTable create;
  create.name = table.name;
  create.schema = table.schema;
  create.columns = {column("revision", "string(32)"),
                    column("direction", "string(9)"),
                    column("position", "integer"),
                    column("statements", "integer"),
                    column("complete", "integer"),
                    column("checksum", "string(64)"),
                    column("definition", std::string(text_type)),
                    column("sql_text", std::string(text_type))};
  create.primary_key = {"revision", "position"};
  create.if_not_exists = true;
  return create;
}

Value text(std::string value) { return Value{Value::Kind::string, std::move(value)}; }
Value number(std::size_t value) { return Value{Value::Kind::integer, std::to_string(value)}; }

void run(const Dialect& dialect, Connection& connection, const Operation& op) {
  for (const auto& statement : dialect.render(op, connection)) connection.execute(statement.sql);
}

std::size_t to_size(const std::optional<std::string>& text) {
  return text ? static_cast<std::size_t>(std::stoull(*text)) : 0;
}

}  // namespace

std::string ProgressEntry::checksum_of(const std::string& definition, bool complete,
                                       const std::string& sql) {
  return sha256_hex(complete ? definition : definition + "\n-- ran:\n" + sql);
}

std::size_t PartialRecord::statements() const {
  return std::accumulate(operations.begin(), operations.end(), std::size_t{0},
                         [](std::size_t n, const ProgressEntry& e) { return n + e.statements; });
}

std::string PartialRecord::describe() const {
  return fmt::format("{} of {}", direction == Direction::up ? "upgrade" : "downgrade", revision);
}

ProgressTable::ProgressTable(const Dialect& dialect, const TableName& version_table)
    : dialect_(&dialect), table_{version_table.schema, progress_table_name(version_table.name)} {}

std::optional<PartialRecord> ProgressTable::read(Connection& connection) const {
  if (connection.offline() || !dialect_->table_exists(connection, table_)) return std::nullopt;
  const auto q = [this](std::string_view name) { return dialect_->quote_identifier(name); };
  const auto rows = connection.query(
      fmt::format("SELECT {}, {}, {}, {}, {}, {}, {}, {} FROM {} ORDER BY {}", q("revision"),
                  q("direction"), q("position"), q("statements"), q("complete"), q("checksum"),
                  q("definition"), q("sql_text"), dialect_->qualified(table_), q("position")));
  if (rows.empty()) return std::nullopt;
  PartialRecord record;
  record.revision = rows.front().at(0).value_or("");
  record.direction =
      rows.front().at(1).value_or("") == "downgrade" ? Direction::down : Direction::up;
  for (const auto& row : rows) {
    if (row.at(0).value_or("") != record.revision) {
      throw Error(
          fmt::format("{} records more than one migration left part-way; it holds what "
                      "migrate wrote, so it was changed by hand: empty it with `migrate "
                      "stamp` once the database is as you want it",
                      dialect_->qualified(table_)));
    }
    record.operations.push_back(ProgressEntry{.position = to_size(row.at(2)),
                                              .statements = to_size(row.at(3)),
                                              .complete = to_size(row.at(4)) != 0,
                                              .definition = row.at(6).value_or(""),
                                              .sql = row.at(7).value_or(""),
                                              .checksum = row.at(5).value_or("")});
  }
  return record;
}

void ProgressTable::write(Connection& connection, const PartialRecord& record) const {
  run(*dialect_, connection, definition_of(table_, dialect_->capabilities().unbounded_text));
  Transaction transaction(connection);
  clear(connection);
  BulkInsert insert;
  insert.table = table_.name;
  insert.schema = table_.schema;
  for (const auto& entry : record.operations) {
    insert.rows.push_back(
        {{"revision", text(record.revision)},
         {"direction", text(record.direction == Direction::up ? "upgrade" : "downgrade")},
         {"position", number(entry.position)},
         {"statements", number(entry.statements)},
         {"complete", number(entry.complete ? 1 : 0)},
         {"checksum", text(entry.checksum)},
         {"definition", text(entry.definition)},
         {"sql_text", text(entry.sql)}});
  }
  if (!insert.rows.empty()) run(*dialect_, connection, insert);
  transaction.commit();
}

void ProgressTable::clear(Connection& connection) const {
  if (!dialect_->table_exists(connection, table_)) return;
  connection.execute(fmt::format("DELETE FROM {}", dialect_->qualified(table_)));
}

}  // namespace migrate
