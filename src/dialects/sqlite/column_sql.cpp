#include "dialects/sqlite/column_sql.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "dialects/sqlite/quoting.h"
#include "dialects/sqlite/sql_tokenizer.h"
#include "dialects/sqlite/types.h"
#include "migrate/core/error.h"

namespace migrate::sqlite {
namespace {

// ON DELETE / ON UPDATE take a keyword, not SQL: only SQLite's five actions get through.
std::string referential_action(std::string_view clause, const std::optional<std::string>& action) {
  if (!action) return {};
  constexpr std::array<std::string_view, 5> kActions{"CASCADE", "SET NULL", "SET DEFAULT",
                                                     "RESTRICT", "NO ACTION"};
  std::string upper;
  for (char c : *action) upper += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  if (std::find(kActions.begin(), kActions.end(), upper) == kActions.end()) {
    throw Error(
        fmt::format("'{}: {}' is not a referential action SQLite knows; use one of "
                    "CASCADE, SET NULL, SET DEFAULT, RESTRICT, NO ACTION",
                    clause == "DELETE" ? "ondelete" : "onupdate", *action));
  }
  return fmt::format(" ON {} {}", clause, upper);
}

// REFERENCES t ("c", ...) ON DELETE ... ON UPDATE .... SQLite foreign keys always name a table
// of the same database file, so a `ref_schema` cannot be expressed and is not rendered.
std::string references(std::string_view table, const std::vector<std::string>& columns,
                       const std::optional<std::string>& ondelete,
                       const std::optional<std::string>& onupdate) {
  return fmt::format("REFERENCES {} ({}){}{}", quote_identifier(table), column_list(columns),
                     referential_action("DELETE", ondelete),
                     referential_action("UPDATE", onupdate));
}

std::string constraint_prefix(const std::optional<std::string>& name) {
  return name ? "CONSTRAINT " + quote_identifier(*name) + " " : std::string();
}

bool is_single_parenthesised(const std::vector<Token>& tokens) {
  if (tokens.size() < 2 || !tokens.front().is_punctuation('(')) return false;
  int depth = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].is_punctuation('(')) ++depth;
    if (tokens[i].is_punctuation(')') && --depth == 0) return i + 1 == tokens.size();
  }
  return false;
}

}  // namespace

bool is_plain_literal(std::string_view expression) {
  const auto tokens = tokenize(expression);
  if (tokens.size() == 2 && (tokens[0].is_punctuation('-') || tokens[0].is_punctuation('+'))) {
    return tokens[1].kind == Token::Kind::number;
  }
  if (tokens.size() != 1) return false;
  const auto& token = tokens[0];
  return token.kind == Token::Kind::number || token.kind == Token::Kind::string ||
         token.is("NULL") || token.is("TRUE") || token.is("FALSE");
}

bool is_null_literal(std::string_view expression) {
  const auto tokens = tokenize(expression);
  return tokens.size() == 1 && tokens[0].is("NULL");
}

std::string render_default(std::string_view expression) {
  if (is_plain_literal(expression) || is_single_parenthesised(tokenize(expression))) {
    return std::string(expression);
  }
  return fmt::format("({})", expression);
}

bool is_rowid_alias(const Column& column, const std::vector<std::string>& key_columns) {
  return key_columns.size() == 1 && iequals(key_columns.front(), column.name) &&
         is_integer_type(column.type) && column.autoincrement.value_or(true);
}

ColumnDefinition column_definition(const Column& column, KeyRole role,
                                   const std::optional<std::string>& key_name) {
  ColumnDefinition definition;
  definition.name = column.name;
  // Exactly "INTEGER": only that type name makes a PRIMARY KEY column alias the rowid.
  definition.type = role == KeyRole::rowid_alias ? "INTEGER" : render_type(column.type);
  const auto add = [&](ConstraintKind kind, std::string text) {
    definition.constraints.push_back(ColumnConstraint{std::nullopt, kind, std::move(text), {}});
  };
  if (!column.nullable.value_or(role == KeyRole::none)) add(ConstraintKind::not_null, "NOT NULL");
  if (role == KeyRole::rowid_alias) {
    add(ConstraintKind::primary_key, constraint_prefix(key_name) + "PRIMARY KEY");
    definition.constraints.back().name = key_name;
  }
  if (column.default_) add(ConstraintKind::default_, "DEFAULT " + render_default(*column.default_));
  if (column.unique) add(ConstraintKind::unique, "UNIQUE");
  if (column.references) {
    const auto& ref = *column.references;
    add(ConstraintKind::foreign_key,
        references(ref.table, {ref.column}, ref.ondelete, ref.onupdate));
  }
  return definition;
}

TableConstraint primary_key_constraint(const std::optional<std::string>& name,
                                       const std::vector<std::string>& columns) {
  return {name, ConstraintKind::primary_key,
          fmt::format("{}PRIMARY KEY ({})", constraint_prefix(name), column_list(columns)),
          columns};
}

TableConstraint unique_constraint(const std::optional<std::string>& name,
                                  const std::vector<std::string>& columns) {
  return {name, ConstraintKind::unique,
          fmt::format("{}UNIQUE ({})", constraint_prefix(name), column_list(columns)), columns};
}

TableConstraint foreign_key_constraint(const ForeignKey& key) {
  return {
      key.name, ConstraintKind::foreign_key,
      fmt::format("{}FOREIGN KEY ({}) {}", constraint_prefix(key.name), column_list(key.columns),
                  references(key.ref_table, key.ref_columns, key.ondelete, key.onupdate)),
      key.columns};
}

TableConstraint check_constraint(const std::optional<std::string>& name,
                                 std::string_view condition) {
  TableConstraint constraint{name,
                             ConstraintKind::check,
                             fmt::format("{}CHECK ({})", constraint_prefix(name), condition),
                             {}};
  for (const auto& token : tokenize(condition)) {
    if (token.is_identifier()) constraint.mentions.push_back(token.unquoted());
  }
  return constraint;
}

std::string column_list(const std::vector<std::string>& columns) {
  std::vector<std::string> quoted;
  quoted.reserve(columns.size());
  for (const auto& column : columns) quoted.push_back(quote_identifier(column));
  return fmt::format("{}", fmt::join(quoted, ", "));
}

}  // namespace migrate::sqlite
