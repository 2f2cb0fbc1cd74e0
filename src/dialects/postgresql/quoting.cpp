#include "dialects/postgresql/quoting.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "dialects/common/sql_quoting.h"

namespace migrate::postgresql {
namespace {

using dialects::double_quoted;
using dialects::is_plain_identifier;
using dialects::single_quoted;

// `SELECT upper(word) FROM pg_get_keywords() WHERE catcode IN ('R', 'T')` on PostgreSQL 15,
// sorted for binary search. Unreserved and column-name keywords (`name`, `time`, `values`) are
// accepted bare as table and column names, so quoting them would only add noise.
// clang-format off
constexpr std::array<std::string_view, 100> kReserved{
    "ALL", "ANALYSE", "ANALYZE", "AND", "ANY", "ARRAY", "AS", "ASC", "ASYMMETRIC",
    "AUTHORIZATION", "BINARY", "BOTH", "CASE", "CAST", "CHECK", "COLLATE", "COLLATION", "COLUMN",
    "CONCURRENTLY", "CONSTRAINT", "CREATE", "CROSS", "CURRENT_CATALOG", "CURRENT_DATE",
    "CURRENT_ROLE", "CURRENT_SCHEMA", "CURRENT_TIME", "CURRENT_TIMESTAMP", "CURRENT_USER",
    "DEFAULT", "DEFERRABLE", "DESC", "DISTINCT", "DO", "ELSE", "END", "EXCEPT", "FALSE", "FETCH",
    "FOR", "FOREIGN", "FREEZE", "FROM", "FULL", "GRANT", "GROUP", "HAVING", "ILIKE", "IN",
    "INITIALLY", "INNER", "INTERSECT", "INTO", "IS", "ISNULL", "JOIN", "LATERAL", "LEADING",
    "LEFT", "LIKE", "LIMIT", "LOCALTIME", "LOCALTIMESTAMP", "NATURAL", "NOT", "NOTNULL", "NULL",
    "OFFSET", "ON", "ONLY", "OR", "ORDER", "OUTER", "OVERLAPS", "PLACING", "PRIMARY",
    "REFERENCES", "RETURNING", "RIGHT", "SELECT", "SESSION_USER", "SIMILAR", "SOME", "SYMMETRIC",
    "TABLE", "TABLESAMPLE", "THEN", "TO", "TRAILING", "TRUE", "UNION", "UNIQUE", "USER", "USING",
    "VARIADIC", "VERBOSE", "WHEN", "WHERE", "WINDOW", "WITH"};
// clang-format on
static_assert(std::is_sorted(kReserved.begin(), kReserved.end()));

}  // namespace

bool is_reserved_keyword(std::string_view word) {
  return std::binary_search(kReserved.begin(), kReserved.end(), std::string_view(upper(word)));
}

std::string quote_identifier(std::string_view name) {
  if (is_plain_identifier(name) && !is_reserved_keyword(name)) return std::string(name);
  return double_quoted(name);
}

std::string quote_literal(std::string_view text) { return single_quoted(text); }

std::string qualified(const std::optional<std::string>& schema, std::string_view name) {
  if (!schema || schema->empty()) return quote_identifier(name);
  return quote_identifier(*schema) + "." + quote_identifier(name);
}

}  // namespace migrate::postgresql
