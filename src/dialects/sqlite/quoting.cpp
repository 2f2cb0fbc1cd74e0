#include "dialects/sqlite/quoting.h"

#include <algorithm>
#include <array>

#include "dialects/common/sql_quoting.h"

namespace migrate::sqlite {
namespace {

using dialects::double_quoted;
using dialects::is_plain_identifier;
using dialects::single_quoted;

// Every keyword of SQLite 3.40 (sqlite3_keyword_name), sorted for binary search. SQLite accepts
// many of them as bare identifiers, but quoting them costs nothing and keeps us safe from
// keywords a later SQLite adds in a new position.
// clang-format off
constexpr std::array<std::string_view, 147> kKeywords{
    "ABORT", "ACTION", "ADD", "AFTER", "ALL", "ALTER", "ALWAYS", "ANALYZE", "AND", "AS", "ASC",
    "ATTACH", "AUTOINCREMENT", "BEFORE", "BEGIN", "BETWEEN", "BY", "CASCADE", "CASE", "CAST",
    "CHECK", "COLLATE", "COLUMN", "COMMIT", "CONFLICT", "CONSTRAINT", "CREATE", "CROSS",
    "CURRENT", "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP", "DATABASE", "DEFAULT",
    "DEFERRABLE", "DEFERRED", "DELETE", "DESC", "DETACH", "DISTINCT", "DO", "DROP", "EACH",
    "ELSE", "END", "ESCAPE", "EXCEPT", "EXCLUDE", "EXCLUSIVE", "EXISTS", "EXPLAIN", "FAIL",
    "FILTER", "FIRST", "FOLLOWING", "FOR", "FOREIGN", "FROM", "FULL", "GENERATED", "GLOB",
    "GROUP", "GROUPS", "HAVING", "IF", "IGNORE", "IMMEDIATE", "IN", "INDEX", "INDEXED",
    "INITIALLY", "INNER", "INSERT", "INSTEAD", "INTERSECT", "INTO", "IS", "ISNULL", "JOIN", "KEY",
    "LAST", "LEFT", "LIKE", "LIMIT", "MATCH", "MATERIALIZED", "NATURAL", "NO", "NOT", "NOTHING",
    "NOTNULL", "NULL", "NULLS", "OF", "OFFSET", "ON", "OR", "ORDER", "OTHERS", "OUTER", "OVER",
    "PARTITION", "PLAN", "PRAGMA", "PRECEDING", "PRIMARY", "QUERY", "RAISE", "RANGE", "RECURSIVE",
    "REFERENCES", "REGEXP", "REINDEX", "RELEASE", "RENAME", "REPLACE", "RESTRICT", "RETURNING",
    "RIGHT", "ROLLBACK", "ROW", "ROWS", "SAVEPOINT", "SELECT", "SET", "TABLE", "TEMP",
    "TEMPORARY", "THEN", "TIES", "TO", "TRANSACTION", "TRIGGER", "UNBOUNDED", "UNION", "UNIQUE",
    "UPDATE", "USING", "VACUUM", "VALUES", "VIEW", "VIRTUAL", "WHEN", "WHERE", "WINDOW", "WITH",
    "WITHOUT"};
// clang-format on
static_assert(std::is_sorted(kKeywords.begin(), kKeywords.end()));

}  // namespace

bool is_keyword(std::string_view word) {
  return std::binary_search(kKeywords.begin(), kKeywords.end(), std::string_view(upper(word)));
}

std::string quote_identifier(std::string_view name) {
  if (is_plain_identifier(name) && !is_keyword(name)) return std::string(name);
  return double_quoted(name);
}

std::string quote_literal(std::string_view text) { return single_quoted(text); }

std::string qualified(const std::optional<std::string>& schema, std::string_view name) {
  if (!schema || schema->empty()) return quote_identifier(name);
  return quote_identifier(*schema) + "." + quote_identifier(name);
}

}  // namespace migrate::sqlite
