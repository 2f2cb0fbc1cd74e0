#include "dialects/mysql/reflect.h"

#include <fmt/format.h>

#include <map>

#include "dialects/mysql/column_definition.h"
#include "dialects/mysql/quoting.h"
#include "migrate/core/text.h"

namespace migrate::mysql {
namespace {

std::string text(const Row& row, std::size_t i) { return row.at(i).value_or(""); }

// The model's tables by name, in the order they were read.
struct Reflection {
  SchemaModel model;
  std::map<std::string, std::size_t> position;
  std::string schema;  // SQL for the schema: a literal or DATABASE()

  SchemaTable* table(const std::string& name) {
    const auto it = position.find(name);
    return it == position.end() ? nullptr : &model.tables[it->second];
  }
};

void read_tables(Connection& connection, Reflection& r, const TableName& version_table) {
  for (const auto& row : connection.query(fmt::format(
           "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = {} AND "
           "TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME",
           r.schema))) {
    const std::string name = text(row, 0);
    if (iequals(name, version_table.name) ||
        iequals(name, progress_table_name(version_table.name)) ||
        iequals(name, history_table_name(version_table.name)))
      continue;
    r.position.emplace(name, r.model.tables.size());
    r.model.tables.push_back(SchemaTable{name, std::nullopt, {}, {}, {}, {}, {}, {}, {}});
  }
}

void read_columns(Connection& connection, Reflection& r) {
  for (const auto& row : connection.query(fmt::format(
           "SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA, "
           "COLUMN_COMMENT, VERSION() FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = {} "
           "ORDER BY TABLE_NAME, ORDINAL_POSITION",
           r.schema))) {
    SchemaTable* table = r.table(text(row, 0));
    if (table == nullptr) continue;
    const bool mariadb = text(row, 7).find("MariaDB") != std::string::npos;
    SchemaColumn column;
    column.name = text(row, 1);
    column.type = normalise_column_type(text(row, 2));
    column.nullable = text(row, 3) == "YES";
    if (auto sql = default_sql(mariadb, row.at(4), text(row, 5))) column.default_ = trim_sql(*sql);
    column.autoincrement = lower(text(row, 5)).find("auto_increment") != std::string::npos;
    if (!text(row, 6).empty()) column.comment = text(row, 6);
    table->columns.push_back(std::move(column));
  }
}

// The name InnoDB gives a foreign key declared without one: <table>_ibfk_<n>.
bool generated_name(const std::string& table, const std::string& name) {
  const std::string prefix = table + "_ibfk_";
  return name.size() > prefix.size() && name.rfind(prefix, 0) == 0 &&
         name.find_first_not_of("0123456789", prefix.size()) == std::string::npos;
}

// Keys and unique and foreign-key constraints, one row per column.
void read_key_constraints(Connection& connection, Reflection& r) {
  std::map<std::pair<std::string, std::string>, ForeignKey> foreign_keys;
  for (const auto& row : connection.query(fmt::format(
           "SELECT tc.TABLE_NAME, tc.CONSTRAINT_NAME, tc.CONSTRAINT_TYPE, k.COLUMN_NAME, "
           "k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME, rc.UPDATE_RULE, rc.DELETE_RULE "
           "FROM information_schema.TABLE_CONSTRAINTS tc JOIN information_schema.KEY_COLUMN_USAGE "
           "k ON k.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND k.TABLE_NAME = tc.TABLE_NAME AND "
           "k.CONSTRAINT_NAME = tc.CONSTRAINT_NAME LEFT JOIN "
           "information_schema.REFERENTIAL_CONSTRAINTS rc ON rc.CONSTRAINT_SCHEMA = "
           "tc.CONSTRAINT_SCHEMA AND rc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME AND rc.TABLE_NAME = "
           "tc.TABLE_NAME WHERE tc.TABLE_SCHEMA = {} ORDER BY tc.TABLE_NAME, tc.CONSTRAINT_NAME, "
           "k.ORDINAL_POSITION",
           r.schema))) {
    SchemaTable* table = r.table(text(row, 0));
    if (table == nullptr) continue;
    const std::string name = text(row, 1);
    const std::string type = text(row, 2);
    if (type == "PRIMARY KEY") {
      table->primary_key.push_back(text(row, 3));
    } else if (type == "UNIQUE") {
      if (table->unique.empty() || table->unique.back().name != name) {
        table->unique.push_back(UniqueConstraint{name, {}});
      }
      table->unique.back().columns.push_back(text(row, 3));
    } else if (type == "FOREIGN KEY") {
      ForeignKey& key = foreign_keys[{table->name, name}];
      key.name = generated_name(table->name, name) ? std::nullopt : std::optional(name);
      key.columns.push_back(text(row, 3));
      key.ref_table = text(row, 4);
      key.ref_columns.push_back(text(row, 5));
      key.onupdate = normalise_action(text(row, 6));
      key.ondelete = normalise_action(text(row, 7));
    }
  }
  for (auto& [where, key] : foreign_keys) r.table(where.first)->foreign_keys.push_back(key);
}

// InnoDB's index for a foreign key carries the key's name (generated names included).
bool is_foreign_key_index(const SchemaTable& table, const std::string& name) {
  return generated_name(table.name, name) ||
         std::any_of(table.foreign_keys.begin(), table.foreign_keys.end(),
                     [&](const ForeignKey& key) { return key.name == name; });
}

// Indexes that are neither the primary key, a unique constraint, nor the index InnoDB makes
// for a foreign key under the key's name.
void read_indexes(Connection& connection, Reflection& r) {
  for (const auto& row : connection.query(fmt::format(
           "SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME FROM "
           "information_schema.STATISTICS WHERE TABLE_SCHEMA = {} AND INDEX_NAME <> 'PRIMARY' "
           "ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX",
           r.schema))) {
    SchemaTable* table = r.table(text(row, 0));
    if (table == nullptr) continue;
    const std::string name = text(row, 1);
    const auto is = [&](const auto& parts) {
      return std::any_of(parts.begin(), parts.end(),
                         [&](const auto& part) { return part.name == name; });
    };
    if (is(table->unique) || is_foreign_key_index(*table, name)) continue;
    if (table->indexes.empty() || table->indexes.back().name != name) {
      table->indexes.push_back(SchemaIndex{name, {}, text(row, 2) == "0", std::nullopt});
    }
    table->indexes.back().columns.push_back(text(row, 3));
  }
}

void read_checks(Connection& connection, Reflection& r) {
  for (const auto& row : connection.query(fmt::format(
           "SELECT tc.TABLE_NAME, cc.CONSTRAINT_NAME, cc.CHECK_CLAUSE FROM "
           "information_schema.TABLE_CONSTRAINTS tc JOIN information_schema.CHECK_CONSTRAINTS cc "
           "ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = "
           "tc.CONSTRAINT_NAME WHERE tc.CONSTRAINT_TYPE = 'CHECK' AND tc.TABLE_SCHEMA = {} ORDER "
           "BY tc.TABLE_NAME, cc.CONSTRAINT_NAME",
           r.schema))) {
    SchemaTable* table = r.table(text(row, 0));
    if (table == nullptr) continue;
    const std::string name = text(row, 1);
    const std::string clause = text(row, 2);
    // MariaDB's JSON is LONGTEXT with a column check json_valid(`c`) named after the column.
    if (table->find_column(name) != nullptr && lower(clause).rfind("json_valid(", 0) == 0) {
      continue;
    }
    table->checks.push_back(CheckConstraint{name, trim_sql(clause)});
  }
}

// `name` -> name, so that conditions compare with the other dialects' spellings.
std::string without_backticks(std::string_view expression) {
  std::string out;
  for (const char c : expression) {
    if (c != '`') out += c;
  }
  return out;
}

class MysqlDiffRules final : public DiffRules {
 public:
  std::string type_key(const SchemaTable&, const SchemaColumn& column) const override {
    if (column.type == "uuid") return "char(36)";
    if (column.type == "json") return "longtext";  // MariaDB's JSON is an alias
    return column.type;
  }
  // MariaDB reports current_timestamp() for CURRENT_TIMESTAMP, and 1 and 0 for TRUE and FALSE.
  std::string default_key(std::string_view expression) const override {
    std::string key = sql_key(without_backticks(expression));
    for (auto at = key.find("current_timestamp()"); at != std::string::npos;
         at = key.find("current_timestamp()", at)) {
      key.erase(at + 17, 2);
    }
    if (key == "true") return "1";
    if (key == "false") return "0";
    return key;
  }
  bool unique_constraints_are_indexes() const override { return true; }
  // MySQL reports RESTRICT for a key without the clause, and RESTRICT means NO ACTION there.
  std::optional<std::string> action_key(const std::optional<std::string>& action) const override {
    return action == "RESTRICT" ? std::nullopt : action;
  }
  std::string condition_key(std::string_view expression) const override {
    return sql_key(without_backticks(expression));
  }
};

}  // namespace

std::string normalise_column_type(std::string_view column_type) {
  const std::string type = lower(trim(column_type));
  if (type == "tinyint(1)") return "boolean";
  if (type == "timestamp") return "timestamptz";
  if (type == "longblob") return "binary";
  // The display width of integer types means nothing to their range.
  for (const std::string_view name : {"int", "bigint", "smallint", "tinyint", "mediumint"}) {
    const std::string prefix = std::string(name) + "(";
    if (type.rfind(prefix, 0) == 0 && type.back() == ')') return normalise_type(name);
  }
  return normalise_type(type);
}

SchemaModel reflect(Connection& connection, const TableName& version_table) {
  Reflection r;
  r.schema = version_table.schema ? quote_literal(*version_table.schema) : "DATABASE()";
  read_tables(connection, r, version_table);
  read_columns(connection, r);
  read_key_constraints(connection, r);
  read_indexes(connection, r);
  read_checks(connection, r);
  for (auto& table : r.model.tables) sort_parts(table);
  return r.model;
}

const DiffRules& diff_rules() {
  static const MysqlDiffRules rules;
  return rules;
}

}  // namespace migrate::mysql
