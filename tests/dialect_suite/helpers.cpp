#include "dialect_suite/helpers.h"

#include "migrate/core/error.h"

namespace migrate::test {

std::vector<std::string> apply(const Dialect& dialect, Connection& connection,
                               const Operation& op) {
  std::vector<std::string> sql;
  for (const auto& statement : dialect.render(op, connection)) {
    if (!statement.must_return_no_rows) {
      connection.execute(statement.sql);
    } else if (!connection.offline() && !connection.query(statement.sql).empty()) {
      throw Error("check returned rows: " + statement.sql);
    }
    sql.push_back(statement.sql);
  }
  return sql;
}

std::vector<std::string> sql_of(const Dialect& dialect, const Operation& op,
                                Connection& connection) {
  std::vector<std::string> out;
  for (const auto& statement : dialect.render(op, connection)) out.push_back(statement.sql);
  return out;
}

std::string value(Connection& connection, const std::string& sql) {
  const auto result = connection.query(sql);
  if (result.empty() || result.front().empty()) return "<none>";
  return result.front().front().value_or("NULL");
}

std::vector<std::string> rows(Connection& connection, const std::string& sql) {
  std::vector<std::string> out;
  for (const auto& row : connection.query(sql)) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += (i > 0 ? "|" : "") + row[i].value_or("NULL");
    }
    out.push_back(line);
  }
  return out;
}

}  // namespace migrate::test
