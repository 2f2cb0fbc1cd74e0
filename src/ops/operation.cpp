#include "migrate/ops/operation.h"

#include <variant>

#include "migrate/ops/operation_yaml.h"

namespace migrate {

const std::vector<std::string_view>& operation_names() {
  // Index i names std::variant alternative i of Operation (checked below).
  static const std::vector<std::string_view> kNames = {
      "create_table",       "drop_table",         "rename_table",
      "add_column",         "drop_column",        "alter_column",
      "create_index",       "drop_index",         "create_unique_constraint",
      "create_primary_key", "create_foreign_key", "create_check_constraint",
      "drop_constraint",    "bulk_insert",        "execute"};
  return kNames;
}

static_assert(std::variant_size_v<Operation> == 15, "name every operation in operation_names()");

const char* operation_name(const Operation& op) {
  return operation_names()[op.index()].data();  // the literals above are NUL-terminated
}

std::vector<std::string> primary_key_columns(const CreateTable& op) {
  if (!op.primary_key.empty()) return op.primary_key;
  std::vector<std::string> key;
  for (const auto& column : op.columns) {
    if (column.primary_key) key.push_back(column.name);
  }
  return key;
}

}  // namespace migrate
