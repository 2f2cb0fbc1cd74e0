#include "dialects/sqlite/references.h"

#include <fmt/format.h>

#include <algorithm>

#include "dialects/sqlite/quoting.h"
#include "migrate/core/error.h"

namespace migrate::sqlite {
namespace {

// The columns of `table` as SQLite has them; empty when there is no such table.
std::vector<std::string> columns_of(Connection& connection,
                                    const std::optional<std::string>& schema,
                                    std::string_view table) {
  std::vector<std::string> names;
  const auto rows =
      connection.query(fmt::format("SELECT name FROM pragma_table_info({}{})", quote_literal(table),
                                   schema ? ", " + quote_literal(*schema) : std::string()));
  for (const auto& row : rows) {
    if (!row.empty() && row[0]) names.push_back(*row[0]);
  }
  return names;
}

}  // namespace

void check_reference(Connection& connection, std::string_view key_name,
                     const std::optional<std::string>& ref_schema, std::string_view ref_table,
                     const std::vector<std::string>& ref_columns,
                     const std::optional<NewTable>& creating) {
  if (connection.offline()) return;
  std::vector<std::string> columns = columns_of(connection, ref_schema, ref_table);
  if (creating && !ref_schema && iequals(creating->name, ref_table)) {
    columns.insert(columns.end(), creating->columns.begin(), creating->columns.end());
  }
  const std::string table =
      ref_schema ? fmt::format("{}.{}", *ref_schema, ref_table) : std::string(ref_table);
  if (columns.empty()) {
    throw Error(
        fmt::format("Foreign key {} references table '{}', which does not exist", key_name, table));
  }
  for (const auto& wanted : ref_columns) {
    const bool found = std::any_of(columns.begin(), columns.end(),
                                   [&](const std::string& c) { return iequals(c, wanted); });
    if (!found) {
      throw Error(fmt::format(
          "Foreign key {} references column '{}' of table '{}', which has no such column "
          "(it has {})",
          key_name, wanted, table, fmt::join(columns, ", ")));
    }
  }
}

}  // namespace migrate::sqlite
