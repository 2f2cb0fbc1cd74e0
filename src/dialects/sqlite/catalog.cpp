#include "dialects/sqlite/catalog.h"

#include <fmt/format.h>

#include "dialects/sqlite/quoting.h"

namespace migrate::sqlite {
namespace {

CatalogObject virtual_table(Connection& connection, const std::string& name,
                            const std::string& sql) {
  CatalogObject object{.phase = CatalogObject::Phase::before_tables,
                       .kind = "virtual table",
                       .name = name,
                       .create_sql = sql,
                       .drop_sql = fmt::format("DROP TABLE {}", quote_identifier(name))};
  object.tables.push_back(name);
  // The module's shadow tables (fts4's `<name>_content`, ...), which it creates and drops itself.
  for (const auto& row : connection.query(fmt::format(
           "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'shadow' AND "
           "substr(name, 1, {}) = {}",
           name.size() + 1, quote_literal(name + "_")))) {
    object.tables.push_back(*row[0]);
  }
  return object;
}

}  // namespace

std::vector<CatalogObject> catalog_objects(Connection& connection) {
  std::vector<CatalogObject> objects;
  for (const auto& row : connection.query(
           "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE "
           "VIRTUAL TABLE%' ORDER BY rowid")) {
    objects.push_back(virtual_table(connection, *row[0], *row[1]));
  }
  // Views before triggers: an INSTEAD OF trigger needs its view, and a view never needs a
  // trigger.
  for (const auto& row : connection.query(
           "SELECT type, name, sql FROM sqlite_master WHERE type IN ('view', 'trigger') AND sql "
           "IS NOT NULL ORDER BY type = 'trigger', rowid")) {
    const std::string& type = *row[0];
    objects.push_back({.phase = CatalogObject::Phase::after_tables,
                       .kind = type,
                       .name = *row[1],
                       .create_sql = *row[2],
                       .drop_sql = fmt::format("DROP {} {}", type == "view" ? "VIEW" : "TRIGGER",
                                               quote_identifier(*row[1]))});
  }
  return objects;
}

}  // namespace migrate::sqlite
