#include "dialects/mysql/timeouts.h"

#include <fmt/format.h>

namespace migrate::mysql {

namespace {

bool is_mariadb(Connection& connection) {
  const auto rows = connection.query("SELECT VERSION()");
  return !rows.empty() && !rows.front().empty() &&
         rows.front().front().value_or("").find("MariaDB") != std::string::npos;
}

}  // namespace

std::vector<std::string> timeout_statements(Connection& connection, const Timeouts& timeouts) {
  std::vector<std::string> sql;
  if (timeouts.lock) {
    // DDL waits on metadata locks (lock_wait_timeout), DML on row locks (InnoDB's own).
    const auto seconds = std::max<long long>(1, (timeouts.lock->count() + 999) / 1000);
    sql.push_back(fmt::format("SET SESSION lock_wait_timeout = {}", seconds));
    sql.push_back(fmt::format("SET SESSION innodb_lock_wait_timeout = {}", seconds));
  }
  if (timeouts.statement) {
    const auto ms = timeouts.statement->count();
    sql.push_back(is_mariadb(connection) ? fmt::format("SET SESSION max_statement_time = {}.{:03}",
                                                       ms / 1000, ms % 1000)
                                         : fmt::format("SET SESSION max_execution_time = {}", ms));
  }
  return sql;
}

}  // namespace migrate::mysql
