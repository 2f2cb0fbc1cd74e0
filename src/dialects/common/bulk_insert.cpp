#include "dialects/common/bulk_insert.h"

#include <fmt/format.h>

#include "dialects/common/sql_quoting.h"
#include "migrate/core/error.h"
#include "migrate/core/text.h"

namespace migrate::dialects {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// [+-] digits [. digits] [e [+-] digits], or the .5 / 5. forms. YAML's .inf or 0x1F would paste
// text into SQL that neither database reads as the number YAML meant.
bool is_decimal_number(std::string_view text) {
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

std::string literal(const Value& value, const BulkInsertSyntax& syntax, std::string_view table,
                    std::string_view column) {
  switch (value.kind) {
    case Value::Kind::null:
      return "NULL";
    case Value::Kind::boolean:
      if (iequals(value.text, "true")) return std::string(syntax.true_literal);
      if (iequals(value.text, "false")) return std::string(syntax.false_literal);
      break;
    case Value::Kind::integer:
    case Value::Kind::real:
      if (is_decimal_number(value.text)) return value.text;
      break;
    case Value::Kind::string:
      return single_quoted(value.text);
  }
  throw Error(fmt::format("bulk_insert into '{}': value '{}' for column '{}' is not a valid {}",
                          table, value.text, column,
                          value.kind == Value::Kind::boolean ? "boolean" : "number"));
}

}  // namespace

std::vector<Statement> render_bulk_insert(const BulkInsert& op, std::string_view qualified_table,
                                          const BulkInsertSyntax& syntax) {
  std::vector<Statement> out;
  for (const auto& row : op.rows) {
    if (row.empty()) {
      out.push_back({fmt::format("INSERT INTO {} DEFAULT VALUES", qualified_table)});
      continue;
    }
    std::vector<std::string> columns;
    std::vector<std::string> values;
    for (const auto& [column, value] : row) {
      columns.push_back(syntax.quote_identifier(column));
      values.push_back(literal(value, syntax, op.table, column));
    }
    out.push_back({fmt::format("INSERT INTO {} ({}) VALUES ({})", qualified_table,
                               fmt::join(columns, ", "), fmt::join(values, ", "))});
  }
  return out;
}

}  // namespace migrate::dialects
