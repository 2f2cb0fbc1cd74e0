#include "migrate/runtime/version_table.h"

#include <fmt/format.h>

#include <algorithm>

namespace migrate {

void VersionTable::resolve_schema(Connection& connection) {
  if (!sql_table_.schema && !connection.offline()) {
    sql_table_.schema = dialect_->schema_of(connection, sql_table_.name);
  }
}

std::vector<std::string> VersionTable::read(Connection& connection) const {
  if (!dialect_->table_exists(connection, sql_table_)) return {};
  std::vector<std::string> heads;
  for (const auto& row : connection.query(
           fmt::format("SELECT version_num FROM {}", dialect_->qualified(sql_table_)))) {
    if (!row.empty() && row[0]) heads.push_back(*row[0]);
  }
  // Row order is unspecified; sort so output and planning are stable across runs.
  std::sort(heads.begin(), heads.end());
  return heads;
}

std::string VersionTable::create_sql() const {
  return dialect_->create_version_table(sql_table_, /*if_not_exists=*/true);
}

std::vector<std::string> VersionTable::change_sql(const HeadChange& change) const {
  const std::string table = dialect_->qualified(sql_table_);
  std::vector<std::string> sql;
  for (const auto& rev : change.deletes) {
    sql.push_back(
        fmt::format("DELETE FROM {} WHERE version_num = {}", table, dialect_->quote_literal(rev)));
  }
  for (const auto& [from, to] : change.updates) {
    sql.push_back(fmt::format("UPDATE {} SET version_num={} WHERE version_num = {}", table,
                              dialect_->quote_literal(to), dialect_->quote_literal(from)));
  }
  for (const auto& rev : change.inserts) {
    sql.push_back(fmt::format("INSERT INTO {} (version_num) VALUES ({})", table,
                              dialect_->quote_literal(rev)));
  }
  return sql;
}

std::string VersionTable::purge_sql() const {
  return fmt::format("DELETE FROM {}", dialect_->qualified(sql_table_));
}

std::vector<std::string> VersionTable::replace_sql(const std::vector<std::string>& from,
                                                   const std::vector<std::string>& to) const {
  HeadChange change;
  for (const auto& rev : from) {
    if (std::find(to.begin(), to.end(), rev) == to.end()) change.deletes.push_back(rev);
  }
  for (const auto& rev : to) {
    if (std::find(from.begin(), from.end(), rev) == from.end()) change.inserts.push_back(rev);
  }
  return change_sql(change);
}

std::string VersionTable::lock_key() const {
  return table_.schema ? *table_.schema + "." + table_.name : table_.name;
}

}  // namespace migrate
