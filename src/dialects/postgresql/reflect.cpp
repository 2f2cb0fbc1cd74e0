// PostgreSQL reflection into the schema model (reflect.h).
#include "dialects/postgresql/reflect.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "dialects/postgresql/quoting.h"
#include "migrate/core/text.h"

namespace migrate::postgresql {
namespace {

const std::string& text(const Row& row, std::size_t i) {
  static const std::string empty;
  return row[i] ? *row[i] : empty;
}

bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '$' ||
         static_cast<unsigned char>(c) >= 0x80;
}

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

// --- expression keys ---------------------------------------------------------------------

struct Token {
  std::string text;  // words lower-cased; strings and quoted identifiers as written
  enum Kind { word, string, punctuation, op } kind;
};

std::vector<Token> tokenize(std::string_view sql) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < sql.size()) {
    const char c = sql[i];
    if (is_space(c)) {
      ++i;
    } else if (c == '\'' || c == '"') {
      std::size_t end = i + 1;
      while (end < sql.size()) {
        if (sql[end] == c) {
          if (end + 1 < sql.size() && sql[end + 1] == c) {
            end += 2;
            continue;
          }
          break;
        }
        ++end;
      }
      end = std::min(end + 1, sql.size());
      std::string quoted(sql.substr(i, end - i));
      if (c == '"') {
        // "name" is the bare name when the bare name means the same (lower case, plain).
        const std::string inner = quoted.size() >= 2 ? quoted.substr(1, quoted.size() - 2) : "";
        const bool plain = !inner.empty() && std::all_of(inner.begin(), inner.end(), [](char x) {
          return is_word_char(x) && !std::isupper(static_cast<unsigned char>(x));
        });
        tokens.push_back({plain ? inner : quoted, Token::word});
      } else {
        tokens.push_back({quoted, Token::string});
      }
      i = end;
    } else if (is_word_char(c)) {
      std::size_t end = i;
      const bool number = std::isdigit(static_cast<unsigned char>(c)) != 0;
      while (end < sql.size() && (is_word_char(sql[end]) || (number && sql[end] == '.'))) ++end;
      tokens.push_back({lower(sql.substr(i, end - i)), Token::word});
      i = end;
    } else if (std::string_view("()[],.;").find(c) != std::string_view::npos) {
      tokens.push_back({std::string(1, c), Token::punctuation});
      ++i;
    } else {
      std::size_t end = i;
      while (end < sql.size() && !is_space(sql[end]) && !is_word_char(sql[end]) &&
             std::string_view("()[],.;'\"").find(sql[end]) == std::string_view::npos) {
        ++end;
      }
      tokens.push_back({std::string(sql.substr(i, end - i)), Token::op});
      i = end;
    }
  }
  return tokens;
}

bool is(const Token& token, std::string_view text) { return token.text == text; }

// Drops every `::type`: a type name of one or more words (character varying, timestamp without
// time zone), arguments (numeric(10,2)) and array brackets (text[]).
std::vector<Token> without_casts(const std::vector<Token>& in) {
  static const std::set<std::string, std::less<>> kTrailingWords{"varying", "precision", "without",
                                                                 "with",    "time",      "zone"};
  std::vector<Token> out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (!(in[i].kind == Token::op && is(in[i], "::"))) {
      out.push_back(in[i]);
      continue;
    }
    std::size_t k = i + 1;
    if (k < in.size() && in[k].kind == Token::word) ++k;
    while (k < in.size() && in[k].kind == Token::word && kTrailingWords.count(in[k].text) > 0) ++k;
    if (k < in.size() && is(in[k], "(")) {
      std::size_t close = k + 1;
      while (close < in.size() && (in[close].kind == Token::word || is(in[close], ","))) ++close;
      if (close < in.size() && is(in[close], ")")) k = close + 1;
    }
    while (k + 1 < in.size() && is(in[k], "[") && is(in[k + 1], "]")) k += 2;
    i = k - 1;
  }
  return out;
}

// Drops parentheses that only group: an opening one not after a function name or IN/ANY/ALL,
// with its match.
std::vector<Token> without_grouping(const std::vector<Token>& in) {
  static const std::set<std::string, std::less<>> kOperatorWords{
      "and", "or", "not", "case", "when", "then", "else", "is", "between", "like", "ilike"};
  std::vector<bool> drop(in.size(), false);
  std::vector<std::size_t> open;  // positions of unmatched '('
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (is(in[i], "(")) {
      open.push_back(i);
    } else if (is(in[i], ")") && !open.empty()) {
      const std::size_t start = open.back();
      open.pop_back();
      const bool call = start > 0 && in[start - 1].kind == Token::word &&
                        kOperatorWords.count(in[start - 1].text) == 0;
      // A grouping of a list ("(a, b)") is a row value, not a grouping: keep it.
      bool list = false;
      int depth = 0;
      for (std::size_t k = start + 1; k < i; ++k) {
        if (is(in[k], "(") || is(in[k], "[")) ++depth;
        if (is(in[k], ")") || is(in[k], "]")) --depth;
        if (depth == 0 && is(in[k], ",")) list = true;
      }
      if (!call && !list) drop[start] = drop[i] = true;
    }
  }
  std::vector<Token> out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (!drop[i]) out.push_back(in[i]);
  }
  return out;
}

// x = ANY (ARRAY[a, b]) -> x IN (a, b); x <> ALL (ARRAY[a, b]) -> x NOT IN (a, b).
std::vector<Token> in_lists(const std::vector<Token>& in) {
  std::vector<Token> out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    const bool any = is(in[i], "=") && i + 1 < in.size() && is(in[i + 1], "any");
    const bool all = is(in[i], "<>") && i + 1 < in.size() && is(in[i + 1], "all");
    if ((any || all) && i + 4 < in.size() && is(in[i + 2], "(") && is(in[i + 3], "array") &&
        is(in[i + 4], "[")) {
      int depth = 0;
      std::size_t close = i + 4;
      for (; close < in.size(); ++close) {
        if (is(in[close], "[")) ++depth;
        if (is(in[close], "]") && --depth == 0) break;
      }
      if (close + 1 < in.size() && is(in[close + 1], ")")) {
        if (all) out.push_back({"not", Token::word});
        out.push_back({"in", Token::word});
        out.push_back({"(", Token::punctuation});
        for (std::size_t k = i + 5; k < close; ++k) out.push_back(in[k]);
        out.push_back({")", Token::punctuation});
        i = close + 1;
        continue;
      }
    }
    out.push_back(in[i]);
  }
  return out;
}

// x BETWEEN a AND b -> x >= a AND x <= b, for single-token operands (what the server deparses
// a BETWEEN of a column and constants to).
std::vector<Token> without_between(const std::vector<Token>& in) {
  std::vector<Token> out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (is(in[i], "between") && !out.empty() && !is(out.back(), "not") && i + 3 < in.size() &&
        is(in[i + 2], "and")) {
      const Token operand = out.back();
      out.push_back({">=", Token::op});
      out.push_back(in[i + 1]);
      out.push_back({"and", Token::word});
      out.push_back(operand);
      out.push_back({"<=", Token::op});
      out.push_back(in[i + 3]);
      i += 3;
      continue;
    }
    out.push_back(in[i]);
  }
  return out;
}

// --- catalog rows ------------------------------------------------------------------------

std::optional<std::string> action(const std::string& code) {
  if (code == "r") return "RESTRICT";
  if (code == "c") return "CASCADE";
  if (code == "n") return "SET NULL";
  if (code == "d") return "SET DEFAULT";
  return std::nullopt;  // 'a', NO ACTION: what an absent clause means
}

class PgDiffRules final : public DiffRules {
 public:
  std::string type_key(const SchemaTable&, const SchemaColumn& column) const override {
    const std::string& type = column.type;
    if (type == "serial" || type == "serial4") return "integer";
    if (type == "bigserial" || type == "serial8") return "bigint";
    if (type == "smallserial" || type == "serial2") return "smallint";
    if (type.rfind("char(", 0) == 0) return "character" + type.substr(4);
    if (type == "char" || type == "bpchar") return "character(1)";
    return type;
  }
  std::string default_key(std::string_view expression) const override {
    return expression_key(expression);
  }
  std::string condition_key(std::string_view expression) const override {
    return expression_key(expression);
  }
};

}  // namespace

std::string expression_key(std::string_view expression) {
  auto tokens = without_casts(tokenize(trim_sql(expression)));
  for (auto& token : tokens) {
    if (token.kind != Token::op) continue;
    if (token.text == "~~") token = {"like", Token::word};
    if (token.text == "~~*") token = {"ilike", Token::word};
    if (token.text == "!~~") token = {"not like", Token::word};
    if (token.text == "!~~*") token = {"not ilike", Token::word};
    if (token.text == "!=") token.text = "<>";
  }
  tokens = without_between(in_lists(without_grouping(tokens)));
  std::string key;
  for (const auto& token : tokens) {
    if (!key.empty()) key += ' ';
    key += token.text;
  }
  return key;
}

std::string plain_default(std::string_view expression) {
  std::string text = trim_sql(expression);
  if (text.empty() || text.front() != '\'') return text;
  const auto tokens = tokenize(text);
  if (tokens.size() < 2 || tokens[0].kind != Token::string || !is(tokens[1], "::")) return text;
  if (without_casts(tokens).size() != 1) return text;
  const std::string& literal = tokens[0].text;
  // A number the server quoted to cast it ('-1'::integer) reads back as the number.
  const std::string inner = literal.substr(1, literal.size() - 2);
  const bool number = !inner.empty() &&
                      inner.find_first_not_of("-+.0123456789eE") == std::string::npos &&
                      inner.find_first_of("0123456789") != std::string::npos;
  const auto cast = lower(trim_sql(text.substr(literal.size() + 2)));
  const bool numeric_cast = cast == "integer" || cast == "bigint" || cast == "smallint" ||
                            cast == "numeric" || cast == "real" || cast == "double precision";
  return number && numeric_cast ? inner : literal;
}

namespace {

// The tables reflect() has found, in model.tables, and where each is.
struct Tables {
  SchemaModel model;
  std::map<std::string, std::size_t> position;  // table name -> index in model.tables

  // nullptr for a table left out (the version table, another schema's).
  SchemaTable* find(const std::string& name) {
    const auto it = position.find(name);
    return it == position.end() ? nullptr : &model.tables[it->second];
  }
};

// Tables and columns, in column order. `schema` is the SQL expression naming the schema.
void read_columns(Connection& connection, const std::string& schema, std::string_view only,
                  const TableName& version_table, Tables& out) {
  for (const auto& row : connection.query(fmt::format(
           "SELECT c.relname, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), "
           "a.attnotnull, pg_catalog.pg_get_expr(d.adbin, d.adrelid), a.attidentity, "
           "pg_catalog.col_description(c.oid, a.attnum) "
           "FROM pg_catalog.pg_class c "
           "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
           "LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 "
           "AND NOT a.attisdropped "
           "LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum "
           "WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname = {}{} "
           "ORDER BY c.relname, a.attnum",
           schema, only))) {
    const std::string& name = text(row, 0);
    if (name == version_table.name || name == progress_table_name(version_table.name) ||
        name == history_table_name(version_table.name)) {
      continue;
    }
    if (out.find(name) == nullptr) {
      out.position.emplace(name, out.model.tables.size());
      out.model.tables.push_back(SchemaTable{name, std::nullopt, {}, {}, {}, {}, {}, {}, {}});
    }
    if (!row[1]) continue;  // a table without columns
    SchemaColumn column;
    column.name = text(row, 1);
    column.type = normalise_type(text(row, 2));
    column.nullable = text(row, 3) != "t";
    // serial is an integer column whose default takes the next value of its own sequence;
    // identity columns have no default at all. Both are what autoincrement means.
    const bool serial = row[4] && row[4]->rfind("nextval(", 0) == 0;
    if (row[4] && !serial) column.default_ = plain_default(*row[4]);
    column.autoincrement = serial || !text(row, 5).empty();
    column.comment = row[6];
    out.find(name)->columns.push_back(std::move(column));
  }
}

// One constraint of pg_constraint: p(rimary key), u(nique), f(oreign key) or c(heck).
struct Key {
  std::string table;
  std::string name;
  std::string type;
  std::vector<std::string> columns;
  std::vector<std::string> ref_columns;
  std::string ref_table;
  std::string ref_schema;
  std::string onupdate;
  std::string ondelete;
  std::string definition;
};

// Constraints, one row per key column (checks: one row, or one per column they mention).
std::vector<Key> read_constraints(Connection& connection, const std::string& schema,
                                  std::string_view only, Tables& tables) {
  std::vector<Key> keys;
  for (const auto& row : connection.query(fmt::format(
           "SELECT c.relname, con.conname, con.contype, a.attname, fc.relname, fn.nspname, "
           "fa.attname, con.confupdtype, con.confdeltype, "
           "CASE WHEN con.contype = 'c' THEN pg_catalog.pg_get_constraintdef(con.oid, true) END "
           "FROM pg_catalog.pg_constraint con "
           "JOIN pg_catalog.pg_class c ON c.oid = con.conrelid "
           "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
           "LEFT JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord) ON true "
           "LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid "
           "AND a.attnum = k.attnum "
           "LEFT JOIN pg_catalog.pg_class fc ON fc.oid = con.confrelid "
           "LEFT JOIN pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace "
           "LEFT JOIN pg_catalog.pg_attribute fa ON fa.attrelid = con.confrelid "
           "AND fa.attnum = con.confkey[k.ord] "
           "WHERE con.contype IN ('p', 'u', 'f', 'c') AND c.relkind IN ('r', 'p') "
           // A key pointing at a partitioned table has a clone per partition, which the server
           // makes and drops with it (conparentid): one key, as it was written.
           "AND con.conparentid = 0 AND n.nspname = {}{} "
           "ORDER BY c.relname, con.contype, con.conname, k.ord",
           schema, only))) {
    if (tables.find(text(row, 0)) == nullptr) continue;
    if (keys.empty() || keys.back().table != text(row, 0) || keys.back().name != text(row, 1)) {
      Key key;
      key.table = text(row, 0);
      key.name = text(row, 1);
      key.type = text(row, 2);
      key.ref_table = text(row, 4);
      key.ref_schema = text(row, 5);
      key.onupdate = text(row, 7);
      key.ondelete = text(row, 8);
      key.definition = text(row, 9);
      keys.push_back(std::move(key));
    }
    if (row[3]) keys.back().columns.push_back(*row[3]);
    if (row[6]) keys.back().ref_columns.push_back(*row[6]);
  }
  return keys;
}

// The name of the schema reflected, so that a foreign key into it is written without a schema.
std::string reflected_schema(Connection& connection, const std::string& schema) {
  const auto rows = connection.query(fmt::format("SELECT {}", schema));
  return rows.empty() || rows.front().empty() ? "" : text(rows[0], 0);
}

ForeignKey foreign_key_of(const Key& key, const std::string& own_schema) {
  ForeignKey foreign_key;
  foreign_key.name = key.name;
  foreign_key.columns = key.columns;
  foreign_key.ref_table = key.ref_table;
  foreign_key.ref_columns = key.ref_columns;
  foreign_key.ondelete = action(key.ondelete);
  foreign_key.onupdate = action(key.onupdate);
  if (key.ref_schema != own_schema) foreign_key.ref_schema = key.ref_schema;
  return foreign_key;
}

// The condition of "CHECK (condition)", possibly followed by NOT VALID / NO INHERIT.
std::string check_condition(std::string_view definition) {
  if (definition.rfind("CHECK ", 0) == 0) definition.remove_prefix(6);
  for (const std::string_view suffix : {" NOT VALID", " NO INHERIT"}) {
    if (definition.size() > suffix.size() &&
        definition.substr(definition.size() - suffix.size()) == suffix) {
      definition.remove_suffix(suffix.size());
    }
  }
  return trim_sql(definition);
}

void add_constraint(const Key& key, const std::string& own_schema, SchemaTable& table) {
  if (key.type == "p") {
    table.primary_key = key.columns;
    // <table>_pkey is the name PostgreSQL gives an unnamed key: the model leaves it unnamed,
    // as a declared key without a name is.
    if (key.name != table.name + "_pkey") table.primary_key_name = key.name;
  } else if (key.type == "u") {
    table.unique.push_back({key.name, key.columns});
  } else if (key.type == "f") {
    table.foreign_keys.push_back(foreign_key_of(key, own_schema));
  } else {
    table.checks.push_back({key.name, check_condition(key.definition)});
  }
}

// Indexes that no constraint owns, one row per key column.
void read_indexes(Connection& connection, const std::string& schema, std::string_view only,
                  Tables& tables) {
  for (const auto& row : connection.query(
           fmt::format("SELECT c.relname, ic.relname, i.indisunique, "
                       "CASE WHEN i.indkey[k.n - 1] = 0 "
                       "THEN '(' || pg_catalog.pg_get_indexdef(i.indexrelid, k.n, true) || ')' "
                       "ELSE a.attname END, "
                       "pg_catalog.pg_get_expr(i.indpred, i.indrelid, true) "
                       "FROM pg_catalog.pg_index i "
                       "JOIN pg_catalog.pg_class c ON c.oid = i.indrelid "
                       "JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid "
                       "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                       "CROSS JOIN LATERAL generate_series(1, i.indnkeyatts) AS k(n) "
                       "LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid "
                       "AND a.attnum = i.indkey[k.n - 1] "
                       "WHERE c.relkind IN ('r', 'p') AND n.nspname = {}{} "
                       "AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint x "
                       "WHERE x.conindid = i.indexrelid AND x.contype IN ('p', 'u', 'x')) "
                       "ORDER BY c.relname, ic.relname, k.n",
                       schema, only))) {
    SchemaTable* table = tables.find(text(row, 0));
    if (table == nullptr) continue;
    if (table->indexes.empty() || table->indexes.back().name != text(row, 1)) {
      SchemaIndex index;
      index.name = text(row, 1);
      index.unique = text(row, 2) == "t";
      if (row[4]) index.where = trim_sql(*row[4]);
      table->indexes.push_back(std::move(index));
    }
    table->indexes.back().columns.push_back(text(row, 3));
  }
}

// The condition on `c.relname` that keeps the tables `only` names, compared as the reflection of
// everything cut by only_tables() compares them (case aside); none without `only`.
std::string table_filter(const std::vector<std::string>* only) {
  if (only == nullptr) return {};
  if (only->empty()) return " AND false";
  std::vector<std::string> names;
  for (const auto& name : *only) names.push_back(quote_literal(lower(name)));
  return fmt::format(" AND lower(c.relname) IN ({})", fmt::join(names, ", "));
}

}  // namespace

SchemaModel reflect(Connection& connection, const TableName& version_table,
                    const std::vector<std::string>* only) {
  const std::string schema = version_table.schema ? quote_literal(*version_table.schema)
                                                  : std::string("pg_catalog.current_schema()");
  const std::string filter = table_filter(only);
  Tables tables;
  read_columns(connection, schema, filter, version_table, tables);
  const std::vector<Key> keys = read_constraints(connection, schema, filter, tables);
  const std::string own_schema = reflected_schema(connection, schema);
  for (const auto& key : keys) add_constraint(key, own_schema, *tables.find(key.table));
  read_indexes(connection, schema, filter, tables);

  SchemaModel& model = tables.model;
  for (auto& table : model.tables) {
    // SQLAlchemy's view: autoincrement belongs to the single key column only.
    for (auto& column : table.columns) {
      if (table.primary_key != std::vector<std::string>{column.name}) column.autoincrement = false;
    }
    sort_parts(table);
  }
  std::sort(model.tables.begin(), model.tables.end(),
            [](const SchemaTable& a, const SchemaTable& b) { return a.name < b.name; });
  return std::move(model);
}

const DiffRules& diff_rules() {
  static const PgDiffRules rules;
  return rules;
}

}  // namespace migrate::postgresql
