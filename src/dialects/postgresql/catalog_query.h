#pragma once
// The catalog queries behind catalog_objects() (catalog.h): each reads one kind of object of
// one schema and adds it, in the order it must be created.
#include <fmt/format.h>

#include <string>
#include <string_view>
#include <vector>

#include "migrate/dialects/connection.h"
#include "migrate/dialects/dialect.h"

namespace migrate::postgresql {

struct Catalog {
  Connection& connection;
  std::string schema;  // SQL: a literal or pg_catalog.current_schema(); `{0}` in queries
  std::vector<CatalogObject> objects;

  std::vector<Row> query(std::string_view sql) const {
    return connection.query(fmt::format(fmt::runtime(sql), schema));
  }
  void add(CatalogObject::Phase phase, std::string kind, std::string name, std::string create,
           std::string drop) {
    objects.push_back({.phase = phase,
                       .kind = std::move(kind),
                       .name = std::move(name),
                       .create_sql = std::move(create),
                       .drop_sql = std::move(drop)});
  }
};

// `names` as SQL literals, `a, b`, for a query that Catalog::query formats again: a brace in a
// name (a version table `mig_{x}`) is doubled so that it stays a brace.
inline std::string literal_list(const std::vector<std::string>& names,
                                std::string (*quote)(std::string_view)) {
  std::string out;
  for (const auto& name : names) {
    if (!out.empty()) out += ", ";
    for (const char c : quote(name)) {
      out += c;
      if (c == '{' || c == '}') out += c;
    }
  }
  return out;
}

inline const std::string& text(const Row& row, std::size_t i) {
  static const std::string kEmpty;
  return row[i] ? *row[i] : kEmpty;
}

// Partitioned tables and their partitions (partitions.cpp), which create_table cannot write.
void partitioned_tables(Catalog& catalog);

// Comments on tables and views, row-level security and policies (table_security.cpp); the
// version tables named are left out.
void table_security(Catalog& catalog, const std::vector<std::string>& own_tables);

}  // namespace migrate::postgresql
