// The schema model's builders and normalisation (schema.h).
#include "migrate/schema/schema.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <set>
#include <tuple>

#include "migrate/core/error.h"
#include "migrate/core/text.h"

namespace migrate {
namespace {

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

// Index one past the quote that closes the one at `open` (doubled quotes are escapes).
std::size_t skip_quoted(std::string_view text, std::size_t open) {
  const char quote = text[open] == '[' ? ']' : text[open];
  std::size_t i = open + 1;
  while (i < text.size()) {
    if (text[i] == quote) {
      if (quote != ']' && i + 1 < text.size() && text[i + 1] == quote) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    ++i;
  }
  return text.size();
}

// True if text[0] is '(' and its matching ')' is the last character.
bool enclosed(std::string_view text) {
  if (text.size() < 2 || text.front() != '(' || text.back() != ')') return false;
  int depth = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\'' || c == '"' || c == '`') {
      i = skip_quoted(text, i) - 1;
      continue;
    }
    if (c == '(') ++depth;
    if (c == ')' && --depth == 0) return i + 1 == text.size();
  }
  return false;
}

struct Synonym {
  std::string_view name;
  std::string_view generic;
};

// Database spellings of SPEC §7's generic types (PostgreSQL's catalog names, SQLite's and
// SQLAlchemy's DDL names). Only argument-less forms; string/numeric keep their arguments.
constexpr std::array kSynonyms{
    Synonym{"int", "integer"},
    Synonym{"int4", "integer"},
    Synonym{"integer", "integer"},
    Synonym{"int8", "bigint"},
    Synonym{"bigint", "bigint"},
    Synonym{"int2", "smallint"},
    Synonym{"smallint", "smallint"},
    Synonym{"varchar", "string"},
    Synonym{"character varying", "string"},
    Synonym{"string", "string"},
    Synonym{"text", "text"},
    Synonym{"bool", "boolean"},
    Synonym{"boolean", "boolean"},
    Synonym{"float", "float"},
    Synonym{"real", "float"},
    Synonym{"float4", "float"},
    Synonym{"double", "double"},
    Synonym{"double precision", "double"},
    Synonym{"float8", "double"},
    Synonym{"numeric", "numeric"},
    Synonym{"decimal", "numeric"},
    Synonym{"date", "date"},
    Synonym{"datetime", "datetime"},
    Synonym{"timestamp", "datetime"},
    Synonym{"timestamp without time zone", "datetime"},
    Synonym{"timestamptz", "timestamptz"},
    Synonym{"timestamp with time zone", "timestamptz"},
    Synonym{"time", "time"},
    Synonym{"time without time zone", "time"},
    Synonym{"interval", "interval"},
    Synonym{"binary", "binary"},
    Synonym{"blob", "binary"},
    Synonym{"bytea", "binary"},
    Synonym{"json", "json"},
    Synonym{"uuid", "uuid"},
};

bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '$' ||
         static_cast<unsigned char>(c) >= 0x80;
}

bool is_integer(std::string_view normalised_type) {
  return normalised_type == "integer" || normalised_type == "bigint" ||
         normalised_type == "smallint";
}

template <typename T>
const T* find_named(const std::vector<T>& items, std::string_view name) {
  const auto it =
      std::find_if(items.begin(), items.end(), [&](const T& t) { return t.name == name; });
  return it == items.end() ? nullptr : &*it;
}

}  // namespace

const SchemaColumn* SchemaTable::find_column(std::string_view column) const {
  return find_named(columns, column);
}

const SchemaIndex* SchemaTable::find_index(std::string_view index) const {
  return find_named(indexes, index);
}

const SchemaTable* SchemaModel::find(std::string_view table) const {
  return find_named(tables, table);
}

SchemaModel only_tables(SchemaModel model, const std::vector<std::string>& names) {
  std::erase_if(model.tables, [&](const SchemaTable& table) {
    return std::none_of(names.begin(), names.end(),
                        [&](const std::string& name) { return iequals(name, table.name); });
  });
  return model;
}

std::string normalise_type(std::string_view type) {
  // Lower case, one blank between words, none around punctuation.
  std::string text;
  for (const char c : trim(type)) {
    if (is_space(c)) {
      if (!text.empty() && text.back() != ' ') text += ' ';
      continue;
    }
    if (c == '(' || c == ')' || c == ',' || c == '[' || c == ']') {
      if (!text.empty() && text.back() == ' ') text.pop_back();
    } else if (!text.empty() && text.back() == ' ') {
      const char before = text.size() >= 2 ? text[text.size() - 2] : ' ';
      if (before == '(' || before == ',' || before == '[') text.pop_back();
    }
    text += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  // "timestamp(6) with time zone": the arguments may sit before trailing words.
  const auto open = text.find('(');
  const auto close = open == std::string::npos ? std::string::npos : text.find(')', open);
  std::string base = text;
  std::string arguments;
  if (open != std::string::npos && close != std::string::npos) {
    arguments = text.substr(open, close - open + 1);
    base = text.substr(0, open);
    if (close + 1 < text.size()) base += text.substr(close + 1);
    while (!base.empty() && base.back() == ' ') base.pop_back();
  }
  for (const auto& synonym : kSynonyms) {
    if (synonym.name != base) continue;
    if (!arguments.empty() && synonym.generic != "string" && synonym.generic != "numeric") break;
    return std::string(synonym.generic) + arguments;
  }
  return text;
}

std::optional<std::string> normalise_action(std::optional<std::string> action) {
  if (!action || action->empty() || iequals(*action, "NO ACTION")) return std::nullopt;
  return upper(*action);
}

std::string trim_sql(std::string_view expression) {
  std::string_view text = trim(expression);
  while (enclosed(text)) text = trim(text.substr(1, text.size() - 2));
  return std::string(text);
}

std::string sql_key(std::string_view expression) {
  const std::string text = trim_sql(expression);
  std::vector<std::string> tokens;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (is_space(c)) {
      ++i;
    } else if (c == '\'') {
      const auto end = skip_quoted(text, i);
      tokens.push_back(text.substr(i, end - i));
      i = end;
    } else if (c == '"' || c == '`' || c == '[') {
      const auto end = skip_quoted(text, i);
      std::string name = text.substr(i + 1, end - i - 2);
      // An identifier that needs no quotes compares equal to its bare spelling.
      const bool plain = !name.empty() && std::all_of(name.begin(), name.end(), is_word_char);
      tokens.push_back(plain ? lower(name) : text.substr(i, end - i));
      i = end;
    } else if (is_word_char(c)) {
      std::size_t end = i;
      while (end < text.size() &&
             (is_word_char(text[end]) || (text[end] == '.' && end + 1 < text.size() &&
                                          std::isdigit(static_cast<unsigned char>(text[end + 1])) &&
                                          std::isdigit(static_cast<unsigned char>(text[i]))))) {
        ++end;
      }
      tokens.push_back(lower(text.substr(i, end - i)));
      i = end;
    } else if (c == '(' || c == ')' || c == ',' || c == '.') {
      tokens.emplace_back(1, c);
      ++i;
    } else {
      std::size_t end = i;
      while (end < text.size() && !is_space(text[end]) && !is_word_char(text[end]) &&
             std::string_view("()',.\"`[").find(text[end]) == std::string_view::npos) {
        ++end;
      }
      tokens.push_back(text.substr(i, end - i));
      i = end;
    }
  }
  std::string key;
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    const auto& token = tokens[k];
    const bool tight =
        token == "(" || token == ")" || token == "," || token == "." || token == "::" ||
        (k > 0 && (tokens[k - 1] == "(" || tokens[k - 1] == "." || tokens[k - 1] == "::"));
    if (!key.empty() && !tight) key += ' ';
    key += token;
  }
  return key;
}

SchemaTable table_from_operation(const CreateTable& op, const std::vector<CreateIndex>& indexes) {
  SchemaTable table;
  table.name = op.name;
  table.schema = op.schema;
  table.primary_key = primary_key_columns(op);
  table.primary_key_name = op.primary_key_name;
  for (const auto& column : op.columns) {
    SchemaColumn out;
    out.name = column.name;
    out.type = normalise_type(column.type);
    const bool in_key = std::find(table.primary_key.begin(), table.primary_key.end(),
                                  column.name) != table.primary_key.end();
    out.nullable = column.nullable.value_or(!in_key);
    if (in_key) out.nullable = false;  // a key column is NOT NULL whatever it says
    if (column.default_) out.default_ = trim_sql(*column.default_);
    out.autoincrement = in_key && table.primary_key.size() == 1 && is_integer(out.type) &&
                        column.autoincrement.value_or(true);
    out.comment = column.comment;
    if (column.unique) table.unique.push_back({std::nullopt, {column.name}});
    if (column.references) {
      const auto& ref = *column.references;
      table.foreign_keys.push_back({std::nullopt,
                                    {column.name},
                                    ref.table,
                                    {ref.column},
                                    ref.ondelete,
                                    ref.onupdate,
                                    std::nullopt});
    }
    table.columns.push_back(std::move(out));
  }
  table.unique.insert(table.unique.end(), op.unique.begin(), op.unique.end());
  table.foreign_keys.insert(table.foreign_keys.end(), op.foreign_keys.begin(),
                            op.foreign_keys.end());
  for (const auto& check : op.checks) {
    table.checks.push_back({check.name, trim_sql(check.condition)});
  }
  for (auto& key : table.foreign_keys) {
    for (auto* action : {&key.ondelete, &key.onupdate}) *action = normalise_action(*action);
  }
  for (const auto& index : indexes) {
    table.indexes.push_back({index.name, index.columns, index.unique,
                             index.where ? std::optional(trim_sql(*index.where)) : std::nullopt});
  }
  sort_parts(table);
  return table;
}

void sort_parts(SchemaTable& table) {
  std::stable_sort(table.indexes.begin(), table.indexes.end(),
                   [](const SchemaIndex& a, const SchemaIndex& b) { return a.name < b.name; });
  std::stable_sort(
      table.unique.begin(), table.unique.end(),
      [](const UniqueConstraint& a, const UniqueConstraint& b) { return a.columns < b.columns; });
  std::stable_sort(table.foreign_keys.begin(), table.foreign_keys.end(),
                   [](const ForeignKey& a, const ForeignKey& b) {
                     return std::tie(a.columns, a.ref_table, a.ref_columns) <
                            std::tie(b.columns, b.ref_table, b.ref_columns);
                   });
}

Column column_operation(const SchemaTable& table, const SchemaColumn& column) {
  Column out;
  out.name = column.name;
  out.type = column.type;
  const bool in_key = std::find(table.primary_key.begin(), table.primary_key.end(), column.name) !=
                      table.primary_key.end();
  const bool single_key = in_key && table.primary_key.size() == 1;
  // A named key is written table-level (create_table_operation), where the name can go.
  out.primary_key = single_key && !table.primary_key_name;
  // Only what differs from the defaults, so generated scripts read like hand-written ones: a key
  // column is NOT NULL and a single integer key autoincrements unless told otherwise.
  if (!column.nullable && !single_key) out.nullable = false;
  if (single_key && is_integer(column.type) && !column.autoincrement) out.autoincrement = false;
  out.default_ = column.default_;
  out.comment = column.comment;
  return out;
}

CreateTable create_table_operation(const SchemaTable& table,
                                   const std::vector<ForeignKey>& deferred) {
  CreateTable op;
  op.name = table.name;
  op.schema = table.schema;
  for (const auto& column : table.columns) op.columns.push_back(column_operation(table, column));
  // A single key column says `primary_key: true` itself; a composite or named key is
  // table-level.
  if (table.primary_key.size() > 1 || table.primary_key_name) op.primary_key = table.primary_key;
  op.primary_key_name = table.primary_key_name;
  op.unique = table.unique;
  for (const auto& key : table.foreign_keys) {
    if (std::find(deferred.begin(), deferred.end(), key) == deferred.end()) {
      op.foreign_keys.push_back(key);
    }
  }
  op.checks = table.checks;
  return op;
}

CreateIndex create_index_operation(const SchemaTable& table, const SchemaIndex& index) {
  CreateIndex op;
  op.name = index.name;
  op.table = table.name;
  op.columns = index.columns;
  op.unique = index.unique;
  op.where = index.where;
  op.schema = table.schema;
  return op;
}

void validate(SchemaModel& model, std::string_view source) {
  std::sort(model.tables.begin(), model.tables.end(),
            [](const SchemaTable& a, const SchemaTable& b) { return a.name < b.name; });
  std::set<std::string> index_names;
  for (std::size_t t = 0; t < model.tables.size(); ++t) {
    const auto& table = model.tables[t];
    if (t > 0 && model.tables[t - 1].name == table.name) {
      throw Error(fmt::format("{}: table '{}' is declared twice", source, table.name));
    }
    std::set<std::string> names;
    for (const auto& column : table.columns) {
      if (!names.insert(column.name).second) {
        throw Error(fmt::format("{}: table '{}' has two columns named '{}'", source, table.name,
                                column.name));
      }
    }
    const auto check_columns = [&](const std::vector<std::string>& columns, std::string_view what) {
      for (const auto& column : columns) {
        if (!column.empty() && column.front() == '(') continue;  // an index expression
        if (names.count(column) == 0) {
          throw Error(
              fmt::format("{}: {} of table '{}' names column '{}', which the table does "
                          "not have",
                          source, what, table.name, column));
        }
      }
    };
    check_columns(table.primary_key, "the primary key");
    for (const auto& index : table.indexes) {
      check_columns(index.columns, fmt::format("index '{}'", index.name));
      if (!index_names.insert(index.name).second) {
        throw Error(
            fmt::format("{}: index name '{}' is used twice; index names are unique per "
                        "schema",
                        source, index.name));
      }
    }
    for (const auto& unique : table.unique) check_columns(unique.columns, "a unique constraint");
    for (const auto& key : table.foreign_keys) {
      check_columns(key.columns, "a foreign key");
      if (key.columns.size() != key.ref_columns.size()) {
        throw Error(fmt::format("{}: a foreign key of table '{}' has {} columns but references {}",
                                source, table.name, key.columns.size(), key.ref_columns.size()));
      }
      if (key.ref_schema && key.ref_schema != table.schema) continue;  // outside this model
      const SchemaTable* parent = key.ref_table == table.name ? &table : model.find(key.ref_table);
      if (parent == nullptr) {
        throw Error(
            fmt::format("{}: a foreign key of table '{}' references table '{}', which the "
                        "schema does not declare",
                        source, table.name, key.ref_table));
      }
      for (const auto& column : key.ref_columns) {
        if (parent->find_column(column) == nullptr) {
          throw Error(
              fmt::format("{}: a foreign key of table '{}' references column '{}.{}', "
                          "which does not exist",
                          source, table.name, key.ref_table, column));
        }
      }
    }
  }
}

}  // namespace migrate
