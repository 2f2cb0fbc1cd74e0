#pragma once
// What the linter knows of the schema a migration starts from: the tables and the declared
// type of each column, replayed from the operations of every script before it. `execute` SQL
// is not read, so a table it made is unknown here, and rules treat unknown as "already there".
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "migrate/ops/operation.h"

namespace migrate::lint {

class KnownSchema {
 public:
  void apply(const Operation& op);

  [[nodiscard]] bool has_table(const std::optional<std::string>& schema,
                               std::string_view table) const;
  // The column's type as last declared; nullopt when migrate does not know it.
  [[nodiscard]] std::optional<std::string> column_type(const std::optional<std::string>& schema,
                                                       std::string_view table,
                                                       std::string_view column) const;

  // The map key of a table: schema-qualified, lower case (names are compared as the databases
  // fold unquoted ones).
  [[nodiscard]] static std::string key(const std::optional<std::string>& schema,
                                       std::string_view table);

 private:
  using Columns = std::map<std::string, std::string>;  // lower-case name -> declared type
  std::map<std::string, Columns> tables_;
  Columns* find(const std::optional<std::string>& schema, std::string_view table);
};

}  // namespace migrate::lint
