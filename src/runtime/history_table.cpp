#include "migrate/runtime/history_table.h"

#include <fmt/format.h>

#include <ctime>
#include <span>

#include "migrate/core/error.h"
#include "migrate/core/secrets.h"
#include "migrate/ops/operation.h"

namespace migrate {
namespace {

// The columns in the order of the CREATE TABLE, of the INSERT and of read()'s SELECT.
constexpr std::string_view kColumns[] = {
    "id",          "revision",    "direction",       "checksum", "started_at",
    "finished_at", "duration_ms", "migrate_version", "outcome",  "error"};

Column column(std::string name, std::string type, bool nullable = false) {
  Column c;
  c.name = std::move(name);
  c.type = std::move(type);
  c.nullable = nullable;
  c.autoincrement = false;
  return c;
}

// Rendered by the dialect itself, like any create_table, so every dialect can hold it. The id
// is the dialect's own autoincrement: rows are numbered in the order they were written.
CreateTable definition_of(const TableName& table, std::string_view text_type) {
  CreateTable create;
  create.name = table.name;
  create.schema = table.schema;
  Column id = column("id", "integer");
  id.primary_key = true;
  id.autoincrement = true;
  create.columns = {std::move(id),
                    column("revision", "string(32)"),
                    column("direction", "string(9)"),
                    column("checksum", "string(64)", true),
                    column("started_at", "string(24)"),
                    column("finished_at", "string(24)"),
                    column("duration_ms", "bigint"),
                    column("migrate_version", "string(32)"),
                    column("outcome", "string(7)"),
                    column("error", std::string(text_type), true)};
  create.if_not_exists = true;
  return create;
}

std::int64_t to_int(const std::optional<std::string>& text) {
  try {
    return text ? std::stoll(*text) : 0;
  } catch (const std::exception&) {
    return 0;  // written by hand: shown as 0 rather than refusing to read the rest
  }
}

}  // namespace

std::string iso_utc(std::chrono::system_clock::time_point time) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch());
  const std::time_t seconds = static_cast<std::time_t>(ms.count() / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", utc.tm_year + 1900,
                     utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                     ms.count() % 1000);
}

HistoryTable::HistoryTable(const Dialect& dialect, const TableName& version_table)
    : dialect_(&dialect), table_{version_table.schema, history_table_name(version_table.name)} {}

void HistoryTable::create(Connection& connection) const {
  const Operation create = definition_of(table_, dialect_->capabilities().unbounded_text);
  for (const auto& statement : dialect_->render(create, connection)) {
    connection.execute(statement.sql);
  }
}

void HistoryTable::append(Connection& connection, const HistoryAttempt& attempt, Outcome outcome,
                          std::string_view error) const {
  const auto finished = std::chrono::system_clock::now();
  const auto took =
      std::chrono::duration_cast<std::chrono::milliseconds>(finished - attempt.started).count();
  const auto literal = [this](std::string_view text) { return dialect_->quote_literal(text); };
  std::string names;
  for (const auto name : std::span(kColumns).subspan(1)) {
    names += (names.empty() ? "" : ", ") + dialect_->quote_identifier(name);
  }
  const std::string sql = fmt::format(
      "INSERT INTO {} ({}) VALUES ({}, {}, {}, {}, {}, {}, {}, {}, {})",
      dialect_->qualified(table_), names, literal(attempt.revision),
      literal(attempt.direction == Direction::up ? "upgrade" : "downgrade"),
      attempt.checksum.empty() ? std::string("NULL") : literal(attempt.checksum),
      literal(iso_utc(attempt.started)), literal(iso_utc(finished)), took < 0 ? 0 : took,
      literal(MIGRATE_VERSION), literal(outcome == Outcome::success ? "success" : "failed"),
      error.empty() ? std::string("NULL") : literal(mask_credentials(error)));
  try {
    connection.execute(sql);
  } catch (const Error& e) {
    throw Error(fmt::format("recording the migration in {} failed: {} [SQL: {}]",
                            dialect_->qualified(table_), e.what(), sql));
  }
}

std::string HistoryTable::append_failure(Connection& connection, const HistoryAttempt& attempt,
                                         std::string_view error) const noexcept {
  try {
    create(connection);  // rolled back with the migration where DDL is transactional
    Transaction transaction(connection);
    append(connection, attempt, Outcome::failed, error);
    transaction.commit();
    return {};
  } catch (const std::exception& e) {
    return e.what();
  }
}

std::vector<HistoryRow> HistoryTable::read(Connection& connection) const {
  if (connection.offline() || !dialect_->table_exists(connection, table_)) return {};
  std::string names;
  for (const auto name : kColumns) {
    names += (names.empty() ? "" : ", ") + dialect_->quote_identifier(name);
  }
  std::vector<HistoryRow> rows;
  for (const auto& row : connection.query(fmt::format("SELECT {} FROM {} ORDER BY {}", names,
                                                      dialect_->qualified(table_),
                                                      dialect_->quote_identifier("id")))) {
    const auto text = [&row](std::size_t i) { return row.at(i).value_or(""); };
    rows.push_back(HistoryRow{.id = to_int(row.at(0)),
                              .revision = text(1),
                              .direction = text(2) == "downgrade" ? Direction::down : Direction::up,
                              .checksum = text(3),
                              .started_at = text(4),
                              .finished_at = text(5),
                              .duration_ms = to_int(row.at(6)),
                              .migrate_version = text(7),
                              .outcome = text(8) == "success" ? Outcome::success : Outcome::failed,
                              .error = text(9)});
  }
  return rows;
}

}  // namespace migrate
