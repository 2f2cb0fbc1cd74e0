// SQLite reflection into the schema model (reflect.h).
#include "dialects/sqlite/reflect.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>

#include "dialects/sqlite/quoting.h"
#include "dialects/sqlite/sql_tokenizer.h"
#include "dialects/sqlite/table_definition.h"
#include "dialects/sqlite/types.h"
#include "migrate/core/error.h"

namespace migrate::sqlite {
namespace {

const std::string& text(const Row& row, std::size_t i) {
  static const std::string empty;
  return row[i] ? *row[i] : empty;
}

bool same_names(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!iequals(a[i], b[i])) return false;
  }
  return true;
}

// The text inside the parentheses after `keyword` in a constraint: CHECK (x > 0) -> "x > 0".
std::optional<std::string> parenthesised_after(std::string_view sql, std::string_view keyword) {
  const auto tokens = tokenize(sql);
  for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
    if (!tokens[i].is(keyword) || !tokens[i + 1].is_punctuation('(')) continue;
    int depth = 0;
    for (std::size_t k = i + 1; k < tokens.size(); ++k) {
      if (tokens[k].is_punctuation('(')) ++depth;
      if (tokens[k].is_punctuation(')') && --depth == 0) {
        const auto begin = tokens[i + 1].end;
        return trim_sql(sql.substr(begin, tokens[k].begin - begin));
      }
    }
  }
  return std::nullopt;
}

// The items and WHERE clause of a CREATE INDEX text: columns by name, expressions as
// "(expression)", the way create_index writes them.
void read_index_sql(std::string_view sql, SchemaIndex& index) {
  const auto tokens = tokenize(sql);
  std::size_t i = 0;
  while (i < tokens.size() && !tokens[i].is("ON")) ++i;
  i += 2;  // ON table
  if (i >= tokens.size() || !tokens[i].is_punctuation('(')) return;
  index.columns.clear();
  int depth = 0;
  std::size_t start = i + 1;
  std::size_t close = tokens.size();
  const auto add_item = [&](std::size_t first, std::size_t last) {
    if (first >= last) return;
    // A column, possibly with COLLATE or ASC/DESC after it, or an expression.
    if (tokens[first].is_identifier() &&
        (last == first + 1 || tokens[first + 1].is("COLLATE") || tokens[first + 1].is("ASC") ||
         tokens[first + 1].is("DESC"))) {
      index.columns.push_back(tokens[first].unquoted());
      return;
    }
    const auto begin = tokens[first].begin;
    const std::string expression(sql.substr(begin, tokens[last - 1].end - begin));
    index.columns.push_back(expression.front() == '(' ? expression : "(" + expression + ")");
  };
  for (std::size_t k = i; k < tokens.size(); ++k) {
    if (tokens[k].is_punctuation('(')) ++depth;
    if (tokens[k].is_punctuation(')') && --depth == 0) {
      add_item(start, k);
      close = k;
      break;
    }
    if (depth == 1 && tokens[k].is_punctuation(',')) {
      add_item(start, k);
      start = k + 1;
    }
  }
  for (std::size_t k = close; k < tokens.size(); ++k) {
    if (!tokens[k].is("WHERE")) continue;
    std::size_t end = tokens.size();
    if (end > k + 1 && tokens[end - 1].is_punctuation(';')) --end;
    if (end > k + 1) {
      const auto begin = tokens[k + 1].begin;
      index.where = trim_sql(sql.substr(begin, tokens[end - 1].end - begin));
    }
    break;
  }
}

// Names and checks from the CREATE TABLE text.
struct Parsed {
  TableDefinition definition;
  bool without_rowid = false;
};

std::optional<std::string> constraint_name(const Parsed& parsed, ConstraintKind kind,
                                           const std::vector<std::string>& columns) {
  for (const auto& constraint : parsed.definition.constraints) {
    if (constraint.kind == kind && constraint.name && same_names(constraint.mentions, columns)) {
      return constraint.name;
    }
  }
  if (columns.size() != 1) return std::nullopt;
  if (const auto* column = parsed.definition.find_column(columns.front())) {
    for (const auto& constraint : column->constraints) {
      if (constraint.kind == kind && constraint.name) return constraint.name;
    }
  }
  return std::nullopt;
}

// The names of the table's foreign keys in the order they are declared (column constraints in
// column order, then table constraints), which is the reverse of pragma_foreign_key_list's ids.
// Matching by position, not by columns, keeps two keys on the same column apart.
struct DeclaredKey {
  std::optional<std::string> name;
  std::vector<std::string> columns;
};
std::vector<DeclaredKey> declared_foreign_keys(const Parsed& parsed) {
  std::vector<DeclaredKey> keys;
  for (const auto& column : parsed.definition.columns) {
    for (const auto& constraint : column.constraints) {
      if (constraint.kind == ConstraintKind::foreign_key) {
        keys.push_back({constraint.name, {column.name}});
      }
    }
  }
  for (const auto& constraint : parsed.definition.constraints) {
    if (constraint.kind == ConstraintKind::foreign_key) {
      keys.push_back({constraint.name, constraint.mentions});
    }
  }
  return keys;
}

std::optional<std::string> foreign_key_name(const Parsed& parsed, int id, std::size_t count,
                                            const std::vector<std::string>& columns) {
  const auto declared = declared_foreign_keys(parsed);
  if (declared.size() == count && id >= 0 && static_cast<std::size_t>(id) < count) {
    const DeclaredKey& key = declared[count - 1 - static_cast<std::size_t>(id)];
    if (same_names(key.columns, columns)) return key.name;
  }
  return constraint_name(parsed, ConstraintKind::foreign_key, columns);
}

std::vector<CheckConstraint> checks_of(const Parsed& parsed) {
  std::vector<CheckConstraint> checks;
  // Column checks first, in column order, then table checks: the order create_table renders.
  for (const auto& column : parsed.definition.columns) {
    for (const auto& constraint : column.constraints) {
      if (constraint.kind != ConstraintKind::check) continue;
      if (auto condition = parenthesised_after(constraint.text, "CHECK")) {
        checks.push_back({constraint.name, *condition});
      }
    }
  }
  for (const auto& constraint : parsed.definition.constraints) {
    if (constraint.kind != ConstraintKind::check) continue;
    if (auto condition = parenthesised_after(constraint.text, "CHECK")) {
      checks.push_back({constraint.name, *condition});
    }
  }
  return checks;
}

// An integer column of a pragma's result. SQLite always gives digits there, so anything else
// means a database reflection cannot read, which deserves a FAILED line naming it.
int pragma_integer(const std::string& value, std::string_view column, const std::string& table) {
  int result = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), result);
  if (value.empty() || error != std::errc() || end != value.data() + value.size()) {
    throw Error(fmt::format("Could not reflect SQLite table '{}': {} is '{}', not an integer",
                            table, column, value));
  }
  return result;
}

// What reflect() builds: the model, and per table its index in model.tables and its parsed
// CREATE TABLE text.
struct Reflection {
  // The condition on sqlite_master rows `m` that picks the tables: the ordinary tables of `main`
  // without SQLite's own, and, for reflect_tables(), only the ones asked for.
  std::string where;
  // The same tables as a FROM item `m` with a `name` column, for the per-table pragmas. For a
  // few tables out of many, their names as VALUES: a scan of sqlite_master per query would cost
  // as much as reflecting everything.
  std::string from;
  SchemaModel model;
  std::map<std::string, std::size_t> position;
  std::map<std::string, Parsed> parsed;

  // nullptr for a table left out (the version table, SQLite's own).
  SchemaTable* table(const std::string& name) {
    const auto it = position.find(name);
    return it == position.end() ? nullptr : &model.tables[it->second];
  }
};

// Table names, in order, and their CREATE TABLE texts.
void read_tables(Connection& connection, const TableName& version_table, Reflection& out) {
  const bool version_in_main = !version_table.schema || iequals(*version_table.schema, "main");
  // Every query walks the same tables: the ordinary tables of `main`, without SQLite's own.
  for (const auto& row : connection.query("SELECT m.name, m.sql FROM sqlite_master m WHERE " +
                                          out.where + " ORDER BY m.name")) {
    const std::string& name = text(row, 0);
    if (version_in_main && (iequals(name, version_table.name) ||
                            iequals(name, progress_table_name(version_table.name)) ||
                            iequals(name, history_table_name(version_table.name))))
      continue;
    Parsed entry;
    entry.definition = parse_create_table(text(row, 1));
    entry.without_rowid =
        lower(entry.definition.options).find("without rowid") != std::string::npos;
    out.parsed.emplace(name, std::move(entry));
    out.position.emplace(name, out.model.tables.size());
    out.model.tables.push_back(SchemaTable{name, std::nullopt, {}, {}, {}, {}, {}, {}, {}});
  }
}

// Table name -> (position in the primary key, column) of its key columns, in column order.
using KeyColumns = std::map<std::string, std::vector<std::pair<int, std::string>>>;

KeyColumns read_columns(Connection& connection, Reflection& out) {
  KeyColumns keys;
  for (const auto& row :
       connection.query("SELECT m.name, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk "
                        "FROM " +
                        out.from + " JOIN pragma_table_info(m.name) p ORDER BY m.name, p.cid")) {
    SchemaTable* table = out.table(text(row, 0));
    if (table == nullptr) continue;
    SchemaColumn column;
    column.name = text(row, 1);
    column.type = normalise_type(text(row, 2));
    column.nullable = text(row, 3) == "0";
    if (row[4]) column.default_ = trim_sql(*row[4]);
    const int key_position = pragma_integer(text(row, 5), "pragma_table_info.pk", table->name);
    if (key_position > 0) {
      keys[table->name].emplace_back(key_position, column.name);
      column.nullable = false;  // SQLAlchemy's view, and what migrate's DDL always says
    }
    table->columns.push_back(std::move(column));
  }
  return keys;
}

// The primary key (and whether its column is the rowid alias) and checks of each table.
void add_keys_and_checks(KeyColumns& keys, Reflection& out) {
  for (auto& table : out.model.tables) {
    auto& key = keys[table.name];
    std::sort(key.begin(), key.end());
    for (const auto& [unused, column] : key) table.primary_key.push_back(column);
    const Parsed& source = out.parsed.at(table.name);
    if (!table.primary_key.empty()) {
      table.primary_key_name =
          constraint_name(source, ConstraintKind::primary_key, table.primary_key);
    }
    // The rowid alias: a single key column declared exactly INTEGER, in a rowid table.
    if (table.primary_key.size() == 1 && !source.without_rowid) {
      const auto* definition = source.definition.find_column(table.primary_key.front());
      if (definition != nullptr && iequals(definition->type, "INTEGER")) {
        for (auto& column : table.columns) {
          if (column.name == table.primary_key.front()) column.autoincrement = true;
        }
      }
    }
    table.checks = checks_of(source);
  }
}

// Index name -> its CREATE INDEX text (automatic indexes have none).
std::map<std::string, std::string> index_texts(Connection& connection, const Reflection& in) {
  std::map<std::string, std::string> index_sql;
  for (const auto& row : connection.query(
           "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND "
           "tbl_name IN (SELECT m.name FROM " +
           in.from + ")")) {
    index_sql.emplace(text(row, 0), text(row, 1));
  }
  return index_sql;
}

// One index of a table as pragma_index_list gives it; `origin` is "c" (CREATE INDEX), "u"
// (a UNIQUE constraint) or "pk".
struct IndexRow {
  std::string table;
  SchemaIndex index;
  std::string origin;
};

std::vector<IndexRow> read_index_rows(Connection& connection, Reflection& out) {
  std::vector<IndexRow> indexes;
  for (const auto& row :
       connection.query("SELECT m.name, il.name, il.\"unique\", il.origin, ii.name "
                        "FROM " +
                        out.from +
                        " JOIN pragma_index_list(m.name) il JOIN pragma_index_info(il.name) ii "
                        "ORDER BY m.name, il.name, ii.seqno")) {
    if (out.table(text(row, 0)) == nullptr) continue;
    if (indexes.empty() || indexes.back().table != text(row, 0) ||
        indexes.back().index.name != text(row, 1)) {
      IndexRow entry;
      entry.table = text(row, 0);
      entry.index.name = text(row, 1);
      entry.index.unique = text(row, 2) == "1";
      entry.origin = text(row, 3);
      indexes.push_back(std::move(entry));
    }
    // An expression item has no name here; read_index_sql fills it in from the SQL.
    indexes.back().index.columns.push_back(row[4] ? *row[4] : std::string("(?)"));
  }
  return indexes;
}

// Indexes and unique constraints.
void read_indexes(Connection& connection, Reflection& out) {
  const std::map<std::string, std::string> index_sql = index_texts(connection, out);
  for (auto& entry : read_index_rows(connection, out)) {
    SchemaTable& table = *out.table(entry.table);
    if (entry.origin == "pk") continue;
    if (entry.origin == "u") {
      table.unique.push_back(
          {constraint_name(out.parsed.at(table.name), ConstraintKind::unique, entry.index.columns),
           entry.index.columns});
      continue;
    }
    if (const auto sql = index_sql.find(entry.index.name); sql != index_sql.end()) {
      read_index_sql(sql->second, entry.index);
    }
    table.indexes.push_back(std::move(entry.index));
  }
}

// Foreign keys, one row per column pair.
void read_foreign_keys(Connection& connection, Reflection& out) {
  std::map<std::pair<std::string, int>, ForeignKey> foreign_keys;  // (table, id)
  std::map<std::string, std::size_t> key_count;                    // table -> foreign keys
  for (const auto& row : connection.query(
           "SELECT m.name, f.id, f.\"table\", f.\"from\", f.\"to\", f.on_update, f.on_delete "
           "FROM " +
           out.from + " JOIN pragma_foreign_key_list(m.name) f ORDER BY m.name, f.id, f.seq")) {
    if (out.table(text(row, 0)) == nullptr) continue;
    const int id = pragma_integer(text(row, 1), "pragma_foreign_key_list.id", text(row, 0));
    auto [entry, added] = foreign_keys.try_emplace({text(row, 0), id});
    if (added) ++key_count[text(row, 0)];
    auto& key = entry->second;
    key.ref_table = text(row, 2);
    key.columns.push_back(text(row, 3));
    if (row[4]) key.ref_columns.push_back(*row[4]);
    key.onupdate = normalise_action(text(row, 5));
    key.ondelete = normalise_action(text(row, 6));
  }
  for (auto& [id, key] : foreign_keys) {
    SchemaTable& table = *out.table(id.first);
    // REFERENCES parent without columns means the parent's primary key.
    if (key.ref_columns.empty()) {
      if (const SchemaTable* parent = out.table(key.ref_table))
        key.ref_columns = parent->primary_key;
    }
    // SQLite keeps the referenced table's name as written; use the model's spelling of it.
    for (const auto& other : out.model.tables) {
      if (iequals(other.name, key.ref_table)) key.ref_table = other.name;
    }
    key.name = foreign_key_name(out.parsed.at(table.name), id.second, key_count.at(table.name),
                                key.columns);
    table.foreign_keys.push_back(std::move(key));
  }
}

// The condition on sqlite_master rows `m` that picks the tables to reflect.
constexpr std::string_view kUserTables =
    "m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'";

// `names` as a FROM item `m` with a column `name`.
std::string names_from(const std::map<std::string, std::size_t>& names) {
  std::vector<std::string> rows;
  rows.reserve(names.size());
  for (const auto& [name, unused] : names) rows.push_back("(" + quote_literal(name) + ")");
  return fmt::format("(SELECT column1 AS name FROM (VALUES {})) m", fmt::join(rows, ", "));
}

// `few`: the condition picks a few tables out of many (see Reflection::from).
SchemaModel reflect_where(Connection& connection, const TableName& version_table, std::string where,
                          bool few) {
  Reflection reflection;
  reflection.from = fmt::format("(SELECT m.name FROM sqlite_master m WHERE {}) m", where);
  reflection.where = std::move(where);
  read_tables(connection, version_table, reflection);
  if (reflection.model.tables.empty()) return {};
  if (few) reflection.from = names_from(reflection.position);
  KeyColumns keys = read_columns(connection, reflection);
  add_keys_and_checks(keys, reflection);
  read_indexes(connection, reflection);
  read_foreign_keys(connection, reflection);
  for (auto& table : reflection.model.tables) sort_parts(table);
  return std::move(reflection.model);
}

}  // namespace

SchemaModel reflect(Connection& connection, const TableName& version_table) {
  return reflect_where(connection, version_table, std::string(kUserTables), false);
}

SchemaModel reflect_tables(Connection& connection, const TableName& version_table,
                           const std::vector<std::string>& tables) {
  if (tables.empty()) return {};
  std::vector<std::string> literals;
  literals.reserve(tables.size());
  for (const auto& table : tables) literals.push_back(quote_literal(table));
  return reflect_where(
      connection, version_table,
      fmt::format("{} AND m.name COLLATE NOCASE IN ({})", kUserTables, fmt::join(literals, ", ")),
      true);
}

namespace {

class SqliteDiffRules final : public DiffRules {
 public:
  std::string type_key(const SchemaTable& table, const SchemaColumn& column) const override {
    if (table.primary_key.size() == 1 && table.primary_key.front() == column.name &&
        is_integer_type(column.type)) {
      return "integer";
    }
    return normalise_type(render_type(column.type));
  }
};

}  // namespace

const DiffRules& diff_rules() {
  static const SqliteDiffRules rules;
  return rules;
}

}  // namespace migrate::sqlite
