#pragma once
// What every dialect's tests need to drive a database through the Dialect interface, shared by
// the contract suite and the per-dialect folders (tests/dialects/<name>/), which keep only their
// quirks.
#include <string>
#include <vector>

#include "migrate/dialects/connection.h"
#include "migrate/dialects/dialect.h"
#include "migrate/ops/operation.h"

namespace migrate::test {

// Runs `op` on `connection` as the runtime does: statements in order, checks as queries that
// must return no rows (an Error otherwise). Returns the SQL of every statement.
std::vector<std::string> apply(const Dialect& dialect, Connection& connection, const Operation& op);
// The SQL `op` renders to on `connection`, without running it.
std::vector<std::string> sql_of(const Dialect& dialect, const Operation& op,
                                Connection& connection);
// The first cell of the first row: "<none>" when there is none, "NULL" for NULL.
std::string value(Connection& connection, const std::string& sql);
// Every row of a query, cells joined by '|', NULL as "NULL".
std::vector<std::string> rows(Connection& connection, const std::string& sql);

}  // namespace migrate::test
