// bulk_insert, execute.
#include <fmt/format.h>

#include "dialects/postgresql/quoting.h"
#include "dialects/postgresql/render.h"
#include "migrate/error.h"

namespace migrate::postgresql {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A decimal number as YAML gave it: [+-] digits [. digits] [e [+-] digits], or .5 / 5. forms.
// Anything else (YAML's .inf, 0x1F) would paste unchecked text into SQL.
bool is_number(std::string_view text) {
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  std::size_t digits = 0;
  while (i < text.size() && is_digit(text[i])) ++i, ++digits;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && is_digit(text[i])) ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    const auto start = i;
    while (i < text.size() && is_digit(text[i])) ++i;
    if (i == start) return false;
  }
  return i == text.size();
}

std::string literal(const Value& value, std::string_view table, std::string_view column) {
  switch (value.kind) {
    case Value::Kind::null:
      return "NULL";
    case Value::Kind::boolean:
      if (upper(value.text) == "TRUE") return "TRUE";
      if (upper(value.text) == "FALSE") return "FALSE";
      break;
    case Value::Kind::integer:
    case Value::Kind::real:
      if (is_number(value.text)) return value.text;
      break;
    case Value::Kind::string:
      // An untyped literal: PostgreSQL casts it to the column's type (dates, json, uuid...).
      return quote_literal(value.text);
  }
  throw Error(fmt::format("bulk_insert into '{}': value '{}' for column '{}' is not a valid {}",
                          table, value.text, column,
                          value.kind == Value::Kind::boolean ? "boolean" : "number"));
}

}  // namespace

std::vector<Statement> render_op(const BulkInsert& op) {
  // One INSERT per row, so that a failure names the row that failed.
  std::vector<Statement> out;
  const auto table = qualified(op.schema, op.table);
  for (const auto& row : op.rows) {
    if (row.empty()) {
      out.push_back({fmt::format("INSERT INTO {} DEFAULT VALUES", table)});
      continue;
    }
    std::vector<std::string> columns;
    std::vector<std::string> values;
    for (const auto& [column, value] : row) {
      columns.push_back(quote_identifier(column));
      values.push_back(literal(value, op.table, column));
    }
    out.push_back({fmt::format("INSERT INTO {} ({}) VALUES ({})", table, fmt::join(columns, ", "),
                               fmt::join(values, ", "))});
  }
  return out;
}

std::vector<Statement> render_op(const Execute& op) {
  if (op.sql) return {{*op.sql}};
  if (const auto found = op.per_dialect.find("postgresql"); found != op.per_dialect.end()) {
    return {{found->second}};
  }
  return {};  // written for other dialects only
}

}  // namespace migrate::postgresql
