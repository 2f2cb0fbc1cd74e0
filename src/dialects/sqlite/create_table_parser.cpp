// Splits a CREATE TABLE text into column definitions and table constraints (table_definition.h).
// It works on tokens and parenthesis depth only: a column definition is "name [type] constraint*"
// and each constraint starts at one of a few keywords, so nothing inside an expression, a quoted
// name or a comment can be mistaken for a boundary.
#include <fmt/format.h>

#include <algorithm>
#include <cstddef>

#include "dialects/sqlite/quoting.h"
#include "dialects/sqlite/sql_tokenizer.h"
#include "dialects/sqlite/table_definition.h"
#include "migrate/core/error.h"

namespace migrate::sqlite {
namespace {

using Tokens = std::vector<Token>;

struct Range {
  std::size_t first;  // token index
  std::size_t last;   // one past
};

std::string text_of(std::string_view sql, const Tokens& tokens, Range range) {
  if (range.first >= range.last) return {};
  const auto begin = tokens[range.first].begin;
  return std::string(sql.substr(begin, tokens[range.last - 1].end - begin));
}

// Index one past the parenthesis that closes the one at `open`.
std::size_t matching_close(const Tokens& tokens, std::size_t open) {
  int depth = 0;
  for (std::size_t i = open; i < tokens.size(); ++i) {
    if (tokens[i].is_punctuation('(')) ++depth;
    if (tokens[i].is_punctuation(')') && --depth == 0) return i + 1;
  }
  return tokens.size();
}

// Comma-separated parts of `range`, at parenthesis depth 0 within it.
std::vector<Range> split_commas(const Tokens& tokens, Range range) {
  std::vector<Range> parts;
  int depth = 0;
  std::size_t start = range.first;
  for (std::size_t i = range.first; i < range.last; ++i) {
    if (tokens[i].is_punctuation('(')) ++depth;
    if (tokens[i].is_punctuation(')')) --depth;
    if (depth == 0 && tokens[i].is_punctuation(',')) {
      parts.push_back({start, i});
      start = i + 1;
    }
  }
  if (start < range.last) parts.push_back({start, range.last});
  return parts;
}

std::vector<std::string> identifiers_in(const Tokens& tokens, Range range) {
  std::vector<std::string> names;
  for (std::size_t i = range.first; i < range.last; ++i) {
    if (tokens[i].is_identifier()) names.push_back(tokens[i].unquoted());
  }
  return names;
}

// The first name of each element of the first parenthesised list in `range`: the key columns
// of PRIMARY KEY (a COLLATE nocase, b DESC), UNIQUE (...) and FOREIGN KEY (...).
std::vector<std::string> key_columns(const Tokens& tokens, Range range) {
  for (std::size_t i = range.first; i < range.last; ++i) {
    if (!tokens[i].is_punctuation('(')) continue;
    std::vector<std::string> names;
    const Range inside{i + 1, matching_close(tokens, i) - 1};
    for (const auto& element : split_commas(tokens, inside)) {
      if (element.first < element.last) names.push_back(tokens[element.first].unquoted());
    }
    return names;
  }
  return {};
}

bool word_is(const Tokens& tokens, std::size_t i, std::string_view keyword) {
  return i < tokens.size() && tokens[i].is(keyword);
}

// True if a column constraint starts at token `i` (at depth 0 of the column definition).
// NULL, NOT, DEFAULT and AS also occur inside constraints: ON DELETE SET NULL / SET DEFAULT,
// NOT DEFERRABLE, DEFAULT NULL, GENERATED ALWAYS AS.
bool starts_constraint(const Tokens& tokens, std::size_t i, std::size_t first) {
  const Token& token = tokens[i];
  if (token.kind != Token::Kind::word) return false;
  const bool after_set = i > first && tokens[i - 1].is("SET");
  for (auto keyword :
       {"CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "COLLATE", "REFERENCES", "GENERATED"}) {
    if (token.is(keyword)) return true;
  }
  if (token.is("AS")) return !(i > first && tokens[i - 1].is("ALWAYS"));
  if (token.is("NOT")) return word_is(tokens, i + 1, "NULL");
  if (token.is("NULL")) {
    return !(after_set || (i > first && (tokens[i - 1].is("NOT") || tokens[i - 1].is("DEFAULT"))));
  }
  if (token.is("DEFAULT")) return !after_set;
  return false;
}

ConstraintKind kind_of(const Token& keyword) {
  if (keyword.is("PRIMARY")) return ConstraintKind::primary_key;
  if (keyword.is("NOT")) return ConstraintKind::not_null;
  if (keyword.is("NULL")) return ConstraintKind::null;
  if (keyword.is("UNIQUE")) return ConstraintKind::unique;
  if (keyword.is("CHECK")) return ConstraintKind::check;
  if (keyword.is("DEFAULT")) return ConstraintKind::default_;
  if (keyword.is("COLLATE")) return ConstraintKind::collate;
  if (keyword.is("REFERENCES") || keyword.is("FOREIGN")) return ConstraintKind::foreign_key;
  if (keyword.is("GENERATED") || keyword.is("AS")) return ConstraintKind::generated;
  throw Error(
      fmt::format("Could not read SQLite table definition: unexpected '{}' where a "
                  "constraint should start",
                  keyword.text));
}

ColumnDefinition parse_column(std::string_view sql, const Tokens& tokens, Range item) {
  ColumnDefinition column;
  column.name = tokens[item.first].unquoted();
  std::size_t i = item.first + 1;
  int depth = 0;
  const auto at_constraint = [&](std::size_t k) {
    return depth == 0 && starts_constraint(tokens, k, item.first);
  };
  const std::size_t type_begin = i;
  while (i < item.last && !at_constraint(i)) {
    if (tokens[i].is_punctuation('(')) ++depth;
    if (tokens[i].is_punctuation(')')) --depth;
    ++i;
  }
  column.type = text_of(sql, tokens, {type_begin, i});
  while (i < item.last) {
    ColumnConstraint constraint;
    const std::size_t begin = i;
    std::size_t keyword = i;
    if (tokens[i].is("CONSTRAINT")) {
      if (i + 2 >= item.last) {
        throw Error(
            fmt::format("Could not read SQLite column definition '{}': CONSTRAINT needs "
                        "a name and a constraint",
                        text_of(sql, tokens, item)));
      }
      constraint.name = tokens[i + 1].unquoted();
      keyword = i + 2;
    }
    constraint.kind = kind_of(tokens[keyword]);
    i = keyword + 1;
    while (i < item.last && !at_constraint(i)) {
      if (tokens[i].is_punctuation('(')) ++depth;
      if (tokens[i].is_punctuation(')')) --depth;
      ++i;
    }
    constraint.text = text_of(sql, tokens, {begin, i});
    if (constraint.kind == ConstraintKind::check || constraint.kind == ConstraintKind::generated) {
      constraint.mentions = identifiers_in(tokens, {keyword + 1, i});
    }
    column.constraints.push_back(std::move(constraint));
  }
  return column;
}

TableConstraint parse_table_constraint(std::string_view sql, const Tokens& tokens, Range item) {
  TableConstraint constraint;
  std::size_t keyword = item.first;
  if (tokens[keyword].is("CONSTRAINT")) {
    if (keyword + 2 >= item.last) {
      throw Error(
          fmt::format("Could not read SQLite table constraint '{}': CONSTRAINT needs a "
                      "name and a constraint",
                      text_of(sql, tokens, item)));
    }
    constraint.name = tokens[keyword + 1].unquoted();
    keyword += 2;
  }
  constraint.kind = kind_of(tokens[keyword]);
  constraint.text = text_of(sql, tokens, item);
  const Range body{keyword + 1, item.last};
  constraint.mentions = constraint.kind == ConstraintKind::check ? identifiers_in(tokens, body)
                                                                 : key_columns(tokens, body);
  return constraint;
}

bool starts_table_constraint(const Token& token) {
  for (auto keyword : {"CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"}) {
    if (token.is(keyword)) return true;
  }
  return false;
}

}  // namespace

TableDefinition parse_create_table(std::string_view sql) {
  const Tokens tokens = tokenize(sql);
  std::size_t open = 0;
  while (open < tokens.size() && !tokens[open].is_punctuation('(')) {
    if (tokens[open].is("AS")) {
      throw Error(
          fmt::format("Cannot rebuild a table created by CREATE TABLE ... AS SELECT: '{}'", sql));
    }
    ++open;
  }
  if (open == tokens.size()) {
    throw Error(fmt::format("Could not read SQLite table definition (no column list): '{}'", sql));
  }
  const std::size_t close = matching_close(tokens, open);
  TableDefinition table;
  for (const auto& item : split_commas(tokens, {open + 1, close - 1})) {
    if (item.first == item.last) {
      throw Error(fmt::format("Could not read SQLite table definition (empty item): '{}'", sql));
    }
    if (starts_table_constraint(tokens[item.first])) {
      table.constraints.push_back(parse_table_constraint(sql, tokens, item));
    } else {
      table.columns.push_back(parse_column(sql, tokens, item));
    }
  }
  std::size_t end = tokens.size();
  if (end > close && tokens[end - 1].is_punctuation(';')) --end;
  table.options = text_of(sql, tokens, {close, end});
  return table;
}

std::vector<std::string> index_mentions(std::string_view create_index_sql) {
  const Tokens tokens = tokenize(create_index_sql);
  const auto on =
      std::find_if(tokens.begin(), tokens.end(), [](const Token& t) { return t.is("ON"); });
  if (on == tokens.end()) return {};
  const auto after_table = static_cast<std::size_t>(on - tokens.begin()) + 2;
  return identifiers_in(tokens, {std::min(after_table, tokens.size()), tokens.size()});
}

}  // namespace migrate::sqlite
