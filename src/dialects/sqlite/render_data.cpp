// bulk_insert, execute.
#include <fmt/format.h>

#include "dialects/sqlite/quoting.h"
#include "dialects/sqlite/render.h"
#include "dialects/sqlite/sql_tokenizer.h"
#include "migrate/error.h"

namespace migrate::sqlite {
namespace {

// A number as YAML gave it: optional sign, then one numeric token. Anything else would paste
// unchecked text into SQL.
bool is_number(std::string_view text) {
  const auto tokens = tokenize(text);
  if (tokens.size() == 2 && (tokens[0].is_punctuation('-') || tokens[0].is_punctuation('+'))) {
    return tokens[1].kind == Token::Kind::number && tokens[0].end == tokens[1].begin;
  }
  return tokens.size() == 1 && tokens[0].kind == Token::Kind::number;
}

std::string literal(const Value& value, std::string_view table, std::string_view column) {
  switch (value.kind) {
    case Value::Kind::null:
      return "NULL";
    case Value::Kind::boolean:
      // SQLite has no boolean storage class; SQLAlchemy stores 1 and 0.
      if (iequals(value.text, "true")) return "1";
      if (iequals(value.text, "false")) return "0";
      break;
    case Value::Kind::integer:
    case Value::Kind::real:
      if (is_number(value.text)) return value.text;
      break;
    case Value::Kind::string:
      return quote_literal(value.text);
  }
  throw Error(fmt::format("bulk_insert into '{}': value '{}' for column '{}' is not a valid {}",
                          table, value.text, column,
                          value.kind == Value::Kind::boolean ? "boolean" : "number"));
}

}  // namespace

std::vector<Statement> render_op(const BulkInsert& op, Connection&) {
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

std::vector<Statement> render_op(const Execute& op, Connection&) {
  if (op.sql) return {{*op.sql}};
  if (const auto found = op.per_dialect.find("sqlite"); found != op.per_dialect.end()) {
    return {{found->second}};
  }
  return {};  // written for other dialects only
}

}  // namespace migrate::sqlite
